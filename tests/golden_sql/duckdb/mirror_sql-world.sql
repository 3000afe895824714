-- bilateral.query.mirror.mirror_sql(country(0000), group(WORLD), (2023, 2024), dialect='duckdb')
WITH "t17" AS (
  SELECT
    "t14"."source",
    "t14"."reporter",
    "t14"."partner",
    "t14"."flow",
    "t14"."year",
    "t14"."month",
    "t14"."product_level",
    "t14"."value",
    "t14"."confidential_value",
    "t14"."quantity_kg",
    "t14"."rows",
    "t14"."currency",
    "t14"."flags",
    "t14"."vintage",
    "t14"."side",
    CASE "t14"."product_level"
      WHEN 'TOTAL'
      THEN 0
      WHEN 'CN8'
      THEN 1
      WHEN 'HS6'
      THEN 2
      WHEN 'HS4'
      THEN 3
      WHEN 'HS2'
      THEN 4
      ELSE 99
    END AS "level_rank",
    "t14"."month" IS NULL AS "_annual",
    CASE
      WHEN "t14"."side" = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            "t14"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t14"."partner" = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          TRUE AND (
            "t14"."reporter" = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          "t14"."partner" = 'bilateral_stand_in_0000'
        )
      ) AS TINYINT)
    END AS "_members_rank"
  FROM (
    SELECT
      "t12"."source",
      "t12"."reporter",
      "t12"."partner",
      "t12"."flow",
      "t12"."year",
      "t12"."month",
      "t12"."product_level",
      "t12"."value",
      "t12"."confidential_value",
      "t12"."quantity_kg",
      "t12"."rows",
      "t12"."currency",
      "t12"."flags",
      "t12"."vintage",
      CASE
        WHEN "t12"."reporter" IN ('bilateral_stand_in_0000')
        AND (
          (
            "t12"."partner" = 'WORLD'
          )
          OR NOT (
            "t12"."partner" IN (
              'EA',
              'EA19',
              'EA20',
              'EFTA',
              'EU',
              'EU15',
              'EU27_2020',
              'EU28',
              'EXT_EU',
              'EXT_EU27_2020',
              'EXT_EU28',
              'WORLD'
            )
          )
        )
        THEN 'first'
        WHEN (
          (
            "t12"."reporter" = 'WORLD'
          )
          OR NOT (
            "t12"."reporter" IN (
              'EA',
              'EA19',
              'EA20',
              'EFTA',
              'EU',
              'EU15',
              'EU27_2020',
              'EU28',
              'EXT_EU',
              'EXT_EU27_2020',
              'EXT_EU28',
              'WORLD'
            )
          )
        )
        AND "t12"."partner" IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS "side"
    FROM (
      SELECT
        "t9".*
        EXCLUDE ("_copy")
      FROM (
        SELECT
          "t6"."source",
          CASE WHEN "t6"."_copy" THEN "t6"."partner" ELSE "t6"."reporter" END AS "reporter",
          CASE WHEN "t6"."_copy" THEN "t6"."reporter" ELSE "t6"."partner" END AS "partner",
          CASE
            WHEN "t6"."_copy"
            THEN REPLACE("t6"."flow", 'export', 'import')
            ELSE "t6"."flow"
          END AS "flow",
          "t6"."year",
          "t6"."month",
          "t6"."product_level",
          "t6"."value",
          "t6"."confidential_value",
          "t6"."quantity_kg",
          "t6"."rows",
          "t6"."currency",
          "t6"."flags",
          "t6"."vintage",
          "t6"."_copy"
        FROM (
          SELECT
            "t3"."source",
            "t3"."reporter",
            "t3"."partner",
            "t3"."flow",
            "t3"."year",
            "t3"."month",
            "t3"."product_level",
            "t3"."value",
            "t3"."confidential_value",
            "t3"."quantity_kg",
            "t3"."rows",
            "t3"."currency",
            "t3"."flags",
            "t3"."vintage",
            UNNEST(
              CASE
                WHEN "t3"."source" IN ('baci')
                AND (
                  "t3"."flow" = 'export'
                )
                AND CONTAINS(COALESCE("t3"."flags", ''), 'reconciled')
                THEN [FALSE, TRUE]
                ELSE [FALSE]
              END
            ) AS "_copy"
          FROM (
            SELECT
              *
            FROM "rollup_totals" AS "t0"
            WHERE
              "t0"."year" IN (2023, 2024)
              AND (
                "t0"."reporter" IN ('bilateral_stand_in_0000')
                OR "t0"."partner" IN ('bilateral_stand_in_0000')
              )
          ) AS "t3"
        ) AS "t6"
      ) AS "t9"
    ) AS "t12"
  ) AS "t14"
  WHERE
    "t14"."side" IS NOT NULL
), "t18" AS (
  SELECT
    "t15"."source",
    "t15"."reporter",
    "t15"."partner",
    "t15"."flow",
    "t15"."year",
    "t15"."month",
    "t15"."product_level",
    "t15"."classification",
    "t15"."code",
    "t15"."value",
    "t15"."confidential_value",
    "t15"."quantity_kg",
    "t15"."rows",
    "t15"."currency",
    "t15"."flags",
    "t15"."vintage",
    "t15"."side",
    CASE "t15"."product_level"
      WHEN 'TOTAL'
      THEN 0
      WHEN 'CN8'
      THEN 1
      WHEN 'HS6'
      THEN 2
      WHEN 'HS4'
      THEN 3
      WHEN 'HS2'
      THEN 4
      ELSE 99
    END AS "level_rank",
    "t15"."month" IS NULL AS "_annual",
    CASE
      WHEN "t15"."side" = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            "t15"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t15"."partner" = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          TRUE AND (
            "t15"."reporter" = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          "t15"."partner" = 'bilateral_stand_in_0000'
        )
      ) AS TINYINT)
    END AS "_members_rank"
  FROM (
    SELECT
      "t13"."source",
      "t13"."reporter",
      "t13"."partner",
      "t13"."flow",
      "t13"."year",
      "t13"."month",
      "t13"."product_level",
      "t13"."classification",
      "t13"."code",
      "t13"."value",
      "t13"."confidential_value",
      "t13"."quantity_kg",
      "t13"."rows",
      "t13"."currency",
      "t13"."flags",
      "t13"."vintage",
      CASE
        WHEN "t13"."reporter" IN ('bilateral_stand_in_0000')
        AND (
          (
            "t13"."partner" = 'WORLD'
          )
          OR NOT (
            "t13"."partner" IN (
              'EA',
              'EA19',
              'EA20',
              'EFTA',
              'EU',
              'EU15',
              'EU27_2020',
              'EU28',
              'EXT_EU',
              'EXT_EU27_2020',
              'EXT_EU28',
              'WORLD'
            )
          )
        )
        THEN 'first'
        WHEN (
          (
            "t13"."reporter" = 'WORLD'
          )
          OR NOT (
            "t13"."reporter" IN (
              'EA',
              'EA19',
              'EA20',
              'EFTA',
              'EU',
              'EU15',
              'EU27_2020',
              'EU28',
              'EXT_EU',
              'EXT_EU27_2020',
              'EXT_EU28',
              'WORLD'
            )
          )
        )
        AND "t13"."partner" IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS "side"
    FROM (
      SELECT
        "t11".*
        EXCLUDE ("_copy")
      FROM (
        SELECT
          "t7"."source",
          CASE WHEN "t7"."_copy" THEN "t7"."partner" ELSE "t7"."reporter" END AS "reporter",
          CASE WHEN "t7"."_copy" THEN "t7"."reporter" ELSE "t7"."partner" END AS "partner",
          CASE
            WHEN "t7"."_copy"
            THEN REPLACE("t7"."flow", 'export', 'import')
            ELSE "t7"."flow"
          END AS "flow",
          "t7"."year",
          "t7"."month",
          "t7"."product_level",
          "t7"."classification",
          "t7"."code",
          "t7"."value",
          "t7"."confidential_value",
          "t7"."quantity_kg",
          "t7"."rows",
          "t7"."currency",
          "t7"."flags",
          "t7"."vintage",
          "t7"."_copy"
        FROM (
          SELECT
            "t4"."source",
            "t4"."reporter",
            "t4"."partner",
            "t4"."flow",
            "t4"."year",
            "t4"."month",
            "t4"."product_level",
            "t4"."classification",
            "t4"."code",
            "t4"."value",
            "t4"."confidential_value",
            "t4"."quantity_kg",
            "t4"."rows",
            "t4"."currency",
            "t4"."flags",
            "t4"."vintage",
            UNNEST(
              CASE
                WHEN "t4"."source" IN ('baci')
                AND (
                  "t4"."flow" = 'export'
                )
                AND CONTAINS(COALESCE("t4"."flags", ''), 'reconciled')
                THEN [FALSE, TRUE]
                ELSE [FALSE]
              END
            ) AS "_copy"
          FROM (
            SELECT
              *
            FROM "rollup_products" AS "t1"
            WHERE
              "t1"."classification" = 'HS2'
              AND "t1"."year" IN (2023, 2024)
              AND (
                "t1"."reporter" IN ('bilateral_stand_in_0000')
                OR "t1"."partner" IN ('bilateral_stand_in_0000')
              )
          ) AS "t4"
        ) AS "t7"
      ) AS "t11"
    ) AS "t13"
  ) AS "t15"
  WHERE
    "t15"."side" IS NOT NULL
), "t20" AS (
  SELECT
    "t16"."source",
    "t16"."reporter",
    "t16"."partner",
    "t16"."flow",
    "t16"."year",
    "t16"."month",
    "t16"."product_level",
    "t16"."value",
    "t16"."confidential_value",
    "t16"."quantity_kg",
    "t16"."rows",
    "t16"."currency",
    "t16"."flags",
    "t16"."vintage",
    "t16"."side",
    CASE "t16"."product_level"
      WHEN 'TOTAL'
      THEN 0
      WHEN 'CN8'
      THEN 1
      WHEN 'HS6'
      THEN 2
      WHEN 'HS4'
      THEN 3
      WHEN 'HS2'
      THEN 4
      ELSE 99
    END AS "level_rank",
    "t16"."month" IS NULL AS "_annual",
    CASE
      WHEN "t16"."side" = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            "t16"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t16"."partner" = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          TRUE AND (
            "t16"."reporter" = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t16"."partner" = 'WORLD'
        )
      ) AS TINYINT)
    END AS "_members_rank"
  FROM (
    SELECT
      "t10"."source",
      "t10"."reporter",
      "t10"."partner",
      "t10"."flow",
      "t10"."year",
      "t10"."month",
      "t10"."product_level",
      "t10"."value",
      "t10"."confidential_value",
      "t10"."quantity_kg",
      "t10"."rows",
      "t10"."currency",
      "t10"."flags",
      "t10"."vintage",
      UNNEST(
        CAST([
          CASE
            WHEN "t10"."reporter" IN ('bilateral_stand_in_0000')
            AND (
              (
                "t10"."partner" = 'WORLD'
              )
              OR NOT (
                "t10"."partner" IN (
                  'EA',
                  'EA19',
                  'EA20',
                  'EFTA',
                  'EU',
                  'EU15',
                  'EU27_2020',
                  'EU28',
                  'EXT_EU',
                  'EXT_EU27_2020',
                  'EXT_EU28',
                  'WORLD'
                )
              )
            )
            THEN 'first'
            ELSE CAST(NULL AS TEXT)
          END,
          CASE
            WHEN (
              (
                "t10"."reporter" = 'WORLD'
              )
              OR NOT (
                "t10"."reporter" IN (
                  'EA',
                  'EA19',
                  'EA20',
                  'EFTA',
                  'EU',
                  'EU15',
                  'EU27_2020',
                  'EU28',
                  'EXT_EU',
                  'EXT_EU27_2020',
                  'EXT_EU28',
                  'WORLD'
                )
              )
            )
            AND (
              (
                "t10"."partner" = 'WORLD'
              )
              OR NOT (
                "t10"."partner" IN (
                  'EA',
                  'EA19',
                  'EA20',
                  'EFTA',
                  'EU',
                  'EU15',
                  'EU27_2020',
                  'EU28',
                  'EXT_EU',
                  'EXT_EU27_2020',
                  'EXT_EU28',
                  'WORLD'
                )
              )
            )
            THEN 'second'
            ELSE CAST(NULL AS TEXT)
          END
        ] AS TEXT[])
      ) AS "side"
    FROM (
      SELECT
        "t8".*
        EXCLUDE ("_copy")
      FROM (
        SELECT
          "t5"."source",
          CASE WHEN "t5"."_copy" THEN "t5"."partner" ELSE "t5"."reporter" END AS "reporter",
          CASE WHEN "t5"."_copy" THEN "t5"."reporter" ELSE "t5"."partner" END AS "partner",
          CASE
            WHEN "t5"."_copy"
            THEN REPLACE("t5"."flow", 'export', 'import')
            ELSE "t5"."flow"
          END AS "flow",
          "t5"."year",
          "t5"."month",
          "t5"."product_level",
          "t5"."value",
          "t5"."confidential_value",
          "t5"."quantity_kg",
          "t5"."rows",
          "t5"."currency",
          "t5"."flags",
          "t5"."vintage",
          "t5"."_copy"
        FROM (
          SELECT
            "t2"."source",
            "t2"."reporter",
            "t2"."partner",
            "t2"."flow",
            "t2"."year",
            "t2"."month",
            "t2"."product_level",
            "t2"."value",
            "t2"."confidential_value",
            "t2"."quantity_kg",
            "t2"."rows",
            "t2"."currency",
            "t2"."flags",
            "t2"."vintage",
            UNNEST(
              CASE
                WHEN "t2"."source" IN ('baci')
                AND (
                  "t2"."flow" = 'export'
                )
                AND CONTAINS(COALESCE("t2"."flags", ''), 'reconciled')
                THEN [FALSE, TRUE]
                ELSE [FALSE]
              END
            ) AS "_copy"
          FROM (
            SELECT
              *
            FROM "rollup_totals" AS "t0"
            WHERE
              "t0"."year" IN (2023, 2024)
          ) AS "t2"
        ) AS "t5"
      ) AS "t8"
    ) AS "t10"
  ) AS "t16"
  WHERE
    "t16"."side" IS NOT NULL
)
SELECT
  *
FROM (
  SELECT
    'unallocated' AS "part",
    CAST(NULL AS TEXT) AS "totals__source",
    CAST(NULL AS TEXT) AS "totals__side",
    CAST(NULL AS TEXT) AS "totals__flow",
    CAST(NULL AS SMALLINT) AS "totals__year",
    CAST(NULL AS TINYINT) AS "totals__month",
    CAST(NULL AS TEXT) AS "totals__reporter",
    CAST(NULL AS BIGINT) AS "totals__unconverted",
    CAST(NULL AS BIGINT) AS "totals__reporters",
    CAST(NULL AS TEXT[]) AS "totals__members",
    CAST(NULL AS DOUBLE) AS "totals__value",
    CAST(NULL AS DOUBLE) AS "totals__confidential_value",
    CAST(NULL AS TEXT) AS "totals__currency",
    CAST(NULL AS TEXT) AS "totals__vintage",
    CAST(NULL AS BIGINT) AS "totals__months",
    CAST(NULL AS BOOLEAN) AS "totals__annual",
    CAST(NULL AS BOOLEAN) AS "totals__synthetic",
    CAST(NULL AS BOOLEAN) AS "totals__reconciled",
    CAST(NULL AS BOOLEAN) AS "totals__file_dated",
    CAST(NULL AS TEXT) AS "totals__product_level",
    CAST(NULL AS TEXT) AS "chapters__source",
    CAST(NULL AS TEXT) AS "chapters__side",
    CAST(NULL AS TEXT) AS "chapters__flow",
    CAST(NULL AS SMALLINT) AS "chapters__year",
    CAST(NULL AS TEXT) AS "chapters__code",
    CAST(NULL AS BIGINT) AS "chapters__unconverted",
    CAST(NULL AS DOUBLE) AS "chapters__value",
    "t50"."source" AS "unallocated__source",
    "t50"."flow" AS "unallocated__flow",
    "t50"."year" AS "unallocated__year",
    "t50"."total" AS "unallocated__total",
    "t50"."unallocated" AS "unallocated__unallocated",
    "t50"."side" AS "unallocated__side"
  FROM (
    SELECT
      "t46"."source",
      "t46"."flow",
      "t46"."year",
      "t46"."side",
      SUM("t46"."value") AS "total",
      SUM(
        CASE
          WHEN "t46"."partner" IN (
            'A59',
            'A79',
            'E19',
            'F19',
            'QU',
            'QV',
            'QW',
            'QX',
            'QY',
            'QZ',
            'XNA',
            'XNM',
            'XNW',
            'XSC',
            'ZZ',
            '_X'
          )
          THEN "t46"."value"
          ELSE 0.0
        END
      ) AS "unallocated"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t41".*
          EXCLUDE ("_annual", "_members_rank")
        FROM (
          SELECT
            "t25"."source",
            "t25"."reporter",
            "t25"."partner",
            "t25"."flow",
            "t25"."year",
            "t25"."month",
            "t25"."product_level",
            "t25"."value",
            "t25"."confidential_value",
            "t25"."quantity_kg",
            "t25"."rows",
            "t25"."currency",
            "t25"."flags",
            "t25"."vintage",
            "t25"."side",
            "t25"."level_rank",
            "t25"."_annual",
            "t25"."_members_rank"
          FROM "t20" AS "t25"
          SEMI JOIN (
            SELECT
              "t23"."source",
              "t23"."side",
              "t23"."flow",
              "t23"."year",
              "t23"."partner",
              "t23"."reporter",
              MIN("t23"."level_rank") AS "level_rank",
              BOOL_OR(CAST("t23"."_annual" AS BOOLEAN)) AS "_annual"
            FROM "t20" AS "t23"
            GROUP BY
              1,
              2,
              3,
              4,
              5,
              6
          ) AS "t36"
            ON "t25"."source" IS NOT DISTINCT FROM "t36"."source"
            AND "t25"."side" IS NOT DISTINCT FROM "t36"."side"
            AND "t25"."flow" IS NOT DISTINCT FROM "t36"."flow"
            AND "t25"."year" IS NOT DISTINCT FROM "t36"."year"
            AND "t25"."partner" IS NOT DISTINCT FROM "t36"."partner"
            AND "t25"."reporter" IS NOT DISTINCT FROM "t36"."reporter"
            AND "t25"."level_rank" = "t36"."level_rank"
            AND "t25"."_annual" = "t36"."_annual"
          SEMI JOIN (
            SELECT
              "t23"."source",
              "t23"."side",
              "t23"."flow",
              "t23"."year",
              "t23"."partner",
              MIN("t23"."_members_rank") AS "_members_rank"
            FROM "t20" AS "t23"
            GROUP BY
              1,
              2,
              3,
              4,
              5
          ) AS "t37"
            ON "t25"."source" IS NOT DISTINCT FROM "t37"."source"
            AND "t25"."side" IS NOT DISTINCT FROM "t37"."side"
            AND "t25"."flow" IS NOT DISTINCT FROM "t37"."flow"
            AND "t25"."year" IS NOT DISTINCT FROM "t37"."year"
            AND "t25"."partner" IS NOT DISTINCT FROM "t37"."partner"
            AND "t25"."_members_rank" = "t37"."_members_rank"
        ) AS "t41"
      ) AS "t43"
      WHERE
        "t43"."partner" <> 'WORLD'
    ) AS "t46"
    GROUP BY
      1,
      2,
      3,
      4
  ) AS "t50"
) AS "t51"
UNION ALL
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      'totals' AS "part",
      "t52"."source" AS "totals__source",
      "t52"."side" AS "totals__side",
      "t52"."flow" AS "totals__flow",
      "t52"."year" AS "totals__year",
      "t52"."month" AS "totals__month",
      "t52"."reporter" AS "totals__reporter",
      "t52"."unconverted" AS "totals__unconverted",
      "t52"."reporters" AS "totals__reporters",
      "t52"."members" AS "totals__members",
      "t52"."value" AS "totals__value",
      "t52"."confidential_value" AS "totals__confidential_value",
      "t52"."currency" AS "totals__currency",
      "t52"."vintage" AS "totals__vintage",
      "t52"."months" AS "totals__months",
      "t52"."annual" AS "totals__annual",
      "t52"."synthetic" AS "totals__synthetic",
      "t52"."reconciled" AS "totals__reconciled",
      "t52"."file_dated" AS "totals__file_dated",
      "t52"."product_level" AS "totals__product_level",
      CAST(NULL AS TEXT) AS "chapters__source",
      CAST(NULL AS TEXT) AS "chapters__side",
      CAST(NULL AS TEXT) AS "chapters__flow",
      CAST(NULL AS SMALLINT) AS "chapters__year",
      CAST(NULL AS TEXT) AS "chapters__code",
      CAST(NULL AS BIGINT) AS "chapters__unconverted",
      CAST(NULL AS DOUBLE) AS "chapters__value",
      CAST(NULL AS TEXT) AS "unallocated__source",
      CAST(NULL AS TEXT) AS "unallocated__flow",
      CAST(NULL AS SMALLINT) AS "unallocated__year",
      CAST(NULL AS DOUBLE) AS "unallocated__total",
      CAST(NULL AS DOUBLE) AS "unallocated__unallocated",
      CAST(NULL AS TEXT) AS "unallocated__side"
    FROM (
      SELECT
        "t49"."source",
        "t49"."side",
        "t49"."flow",
        "t49"."year",
        "t49"."month",
        "t49"."reporter",
        SUM("t49"."unconverted") AS "unconverted",
        COUNT("t49"."reporter") AS "reporters",
        ARRAY_AGG("t49"."reporter") FILTER(WHERE
          "t49"."reporter" IS NOT NULL) AS "members",
        SUM("t49"."value") AS "value",
        SUM("t49"."confidential_value") AS "confidential_value",
        LIST_MIN(ARRAY_AGG("t49"."currency") FILTER(WHERE
          "t49"."currency" IS NOT NULL)) AS "currency",
        LIST_MAX(ARRAY_AGG("t49"."vintage") FILTER(WHERE
          "t49"."vintage" IS NOT NULL)) AS "vintage",
        MIN("t49"."months") AS "months",
        BOOL_OR(CAST("t49"."annual" AS BOOLEAN)) AS "annual",
        BOOL_OR(CAST("t49"."synthetic" AS BOOLEAN)) AS "synthetic",
        BOOL_OR(CAST("t49"."reconciled" AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST("t49"."file_dated" AS BOOLEAN)) AS "file_dated",
        MIN("t49"."product_level") AS "product_level"
      FROM (
        SELECT
          "t44"."source",
          "t44"."side",
          "t44"."flow",
          "t44"."year",
          "t44"."month",
          "t44"."reporter",
          SUM(CAST("t44"."unconverted" AS INT)) AS "unconverted",
          SUM("t44"."value") AS "value",
          SUM("t44"."confidential_value") AS "confidential_value",
          LIST_MIN(ARRAY_AGG("t44"."currency") FILTER(WHERE
            "t44"."currency" IS NOT NULL)) AS "currency",
          LIST_MAX(ARRAY_AGG("t44"."vintage") FILTER(WHERE
            "t44"."vintage" IS NOT NULL)) AS "vintage",
          COALESCE(
            ARRAY_LENGTH(
              CASE
                WHEN ARRAY_AGG("t44"."month") FILTER(WHERE
                  "t44"."month" IS NOT NULL) IS NULL
                THEN NULL
                ELSE LIST_DISTINCT(ARRAY_AGG("t44"."month") FILTER(WHERE
                  "t44"."month" IS NOT NULL)) + CASE
                  WHEN LIST_BOOL_OR(
                    LIST_APPLY(
                      ARRAY_AGG("t44"."month") FILTER(WHERE
                        "t44"."month" IS NOT NULL),
                      LAMBDA x : x IS NULL
                    )
                  )
                  THEN [NULL]
                  ELSE []
                END
              END
            ),
            0
          ) AS "months",
          BOOL_OR(CAST("t44"."month" IS NULL AS BOOLEAN)) AS "annual",
          BOOL_OR(CAST(CONTAINS(COALESCE("t44"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
          BOOL_OR(CAST(CONTAINS(COALESCE("t44"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
          BOOL_OR(CAST(CONTAINS(COALESCE("t44"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated",
          MIN("t44"."product_level") AS "product_level"
        FROM (
          SELECT
            "t40"."source",
            "t40"."reporter",
            "t40"."partner",
            "t40"."flow",
            "t40"."year",
            "t40"."month",
            "t40"."product_level",
            "t40"."value",
            "t40"."confidential_value",
            "t40"."quantity_kg",
            "t40"."rows",
            "t40"."currency",
            "t40"."flags",
            "t40"."vintage",
            "t40"."side",
            "t40"."level_rank",
            FALSE AS "unconverted"
          FROM (
            SELECT
              "t38".*
              EXCLUDE ("_annual", "_members_rank")
            FROM (
              SELECT
                "t22"."source",
                "t22"."reporter",
                "t22"."partner",
                "t22"."flow",
                "t22"."year",
                "t22"."month",
                "t22"."product_level",
                "t22"."value",
                "t22"."confidential_value",
                "t22"."quantity_kg",
                "t22"."rows",
                "t22"."currency",
                "t22"."flags",
                "t22"."vintage",
                "t22"."side",
                "t22"."level_rank",
                "t22"."_annual",
                "t22"."_members_rank"
              FROM "t17" AS "t22"
              SEMI JOIN (
                SELECT
                  "t19"."source",
                  "t19"."side",
                  "t19"."flow",
                  "t19"."year",
                  "t19"."reporter",
                  "t19"."partner",
                  MIN("t19"."level_rank") AS "level_rank",
                  BOOL_OR(CAST("t19"."_annual" AS BOOLEAN)) AS "_annual"
                FROM "t17" AS "t19"
                GROUP BY
                  1,
                  2,
                  3,
                  4,
                  5,
                  6
              ) AS "t30"
                ON "t22"."source" IS NOT DISTINCT FROM "t30"."source"
                AND "t22"."side" IS NOT DISTINCT FROM "t30"."side"
                AND "t22"."flow" IS NOT DISTINCT FROM "t30"."flow"
                AND "t22"."year" IS NOT DISTINCT FROM "t30"."year"
                AND "t22"."reporter" IS NOT DISTINCT FROM "t30"."reporter"
                AND "t22"."partner" IS NOT DISTINCT FROM "t30"."partner"
                AND "t22"."level_rank" = "t30"."level_rank"
                AND "t22"."_annual" = "t30"."_annual"
              SEMI JOIN (
                SELECT
                  "t19"."source",
                  "t19"."side",
                  "t19"."flow",
                  "t19"."year",
                  MIN("t19"."_members_rank") AS "_members_rank"
                FROM "t17" AS "t19"
                GROUP BY
                  1,
                  2,
                  3,
                  4
              ) AS "t31"
                ON "t22"."source" IS NOT DISTINCT FROM "t31"."source"
                AND "t22"."side" IS NOT DISTINCT FROM "t31"."side"
                AND "t22"."flow" IS NOT DISTINCT FROM "t31"."flow"
                AND "t22"."year" IS NOT DISTINCT FROM "t31"."year"
                AND "t22"."_members_rank" = "t31"."_members_rank"
            ) AS "t38"
          ) AS "t40"
        ) AS "t44"
        GROUP BY
          1,
          2,
          3,
          4,
          5,
          6
      ) AS "t49"
      GROUP BY
        1,
        2,
        3,
        4,
        5,
        6
    ) AS "t52"
  ) AS "t53"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      'chapters' AS "part",
      CAST(NULL AS TEXT) AS "totals__source",
      CAST(NULL AS TEXT) AS "totals__side",
      CAST(NULL AS TEXT) AS "totals__flow",
      CAST(NULL AS SMALLINT) AS "totals__year",
      CAST(NULL AS TINYINT) AS "totals__month",
      CAST(NULL AS TEXT) AS "totals__reporter",
      CAST(NULL AS BIGINT) AS "totals__unconverted",
      CAST(NULL AS BIGINT) AS "totals__reporters",
      CAST(NULL AS TEXT[]) AS "totals__members",
      CAST(NULL AS DOUBLE) AS "totals__value",
      CAST(NULL AS DOUBLE) AS "totals__confidential_value",
      CAST(NULL AS TEXT) AS "totals__currency",
      CAST(NULL AS TEXT) AS "totals__vintage",
      CAST(NULL AS BIGINT) AS "totals__months",
      CAST(NULL AS BOOLEAN) AS "totals__annual",
      CAST(NULL AS BOOLEAN) AS "totals__synthetic",
      CAST(NULL AS BOOLEAN) AS "totals__reconciled",
      CAST(NULL AS BOOLEAN) AS "totals__file_dated",
      CAST(NULL AS TEXT) AS "totals__product_level",
      "t47"."source" AS "chapters__source",
      "t47"."side" AS "chapters__side",
      "t47"."flow" AS "chapters__flow",
      "t47"."year" AS "chapters__year",
      "t47"."code" AS "chapters__code",
      "t47"."unconverted" AS "chapters__unconverted",
      "t47"."value" AS "chapters__value",
      CAST(NULL AS TEXT) AS "unallocated__source",
      CAST(NULL AS TEXT) AS "unallocated__flow",
      CAST(NULL AS SMALLINT) AS "unallocated__year",
      CAST(NULL AS DOUBLE) AS "unallocated__total",
      CAST(NULL AS DOUBLE) AS "unallocated__unallocated",
      CAST(NULL AS TEXT) AS "unallocated__side"
    FROM (
      SELECT
        "t45"."source",
        "t45"."side",
        "t45"."flow",
        "t45"."year",
        "t45"."code",
        SUM(CAST("t45"."unconverted" AS INT)) AS "unconverted",
        SUM("t45"."value") AS "value"
      FROM (
        SELECT
          "t42"."source",
          "t42"."reporter",
          "t42"."partner",
          "t42"."flow",
          "t42"."year",
          "t42"."month",
          "t42"."product_level",
          "t42"."classification",
          "t42"."code",
          "t42"."value",
          "t42"."confidential_value",
          "t42"."quantity_kg",
          "t42"."rows",
          "t42"."currency",
          "t42"."flags",
          "t42"."vintage",
          "t42"."side",
          "t42"."level_rank",
          FALSE AS "unconverted"
        FROM (
          SELECT
            "t39".*
            EXCLUDE ("_annual", "_members_rank")
          FROM (
            SELECT
              "t24"."source",
              "t24"."reporter",
              "t24"."partner",
              "t24"."flow",
              "t24"."year",
              "t24"."month",
              "t24"."product_level",
              "t24"."classification",
              "t24"."code",
              "t24"."value",
              "t24"."confidential_value",
              "t24"."quantity_kg",
              "t24"."rows",
              "t24"."currency",
              "t24"."flags",
              "t24"."vintage",
              "t24"."side",
              "t24"."level_rank",
              "t24"."_annual",
              "t24"."_members_rank"
            FROM "t18" AS "t24"
            SEMI JOIN (
              SELECT
                "t21"."source",
                "t21"."side",
                "t21"."flow",
                "t21"."year",
                "t21"."classification",
                "t21"."reporter",
                "t21"."partner",
                MIN("t21"."level_rank") AS "level_rank",
                BOOL_OR(CAST("t21"."_annual" AS BOOLEAN)) AS "_annual"
              FROM "t18" AS "t21"
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6,
                7
            ) AS "t34"
              ON "t24"."source" IS NOT DISTINCT FROM "t34"."source"
              AND "t24"."side" IS NOT DISTINCT FROM "t34"."side"
              AND "t24"."flow" IS NOT DISTINCT FROM "t34"."flow"
              AND "t24"."year" IS NOT DISTINCT FROM "t34"."year"
              AND "t24"."classification" IS NOT DISTINCT FROM "t34"."classification"
              AND "t24"."reporter" IS NOT DISTINCT FROM "t34"."reporter"
              AND "t24"."partner" IS NOT DISTINCT FROM "t34"."partner"
              AND "t24"."level_rank" = "t34"."level_rank"
              AND "t24"."_annual" = "t34"."_annual"
            SEMI JOIN (
              SELECT
                "t21"."source",
                "t21"."side",
                "t21"."flow",
                "t21"."year",
                "t21"."classification",
                MIN("t21"."_members_rank") AS "_members_rank"
              FROM "t18" AS "t21"
              GROUP BY
                1,
                2,
                3,
                4,
                5
            ) AS "t35"
              ON "t24"."source" IS NOT DISTINCT FROM "t35"."source"
              AND "t24"."side" IS NOT DISTINCT FROM "t35"."side"
              AND "t24"."flow" IS NOT DISTINCT FROM "t35"."flow"
              AND "t24"."year" IS NOT DISTINCT FROM "t35"."year"
              AND "t24"."classification" IS NOT DISTINCT FROM "t35"."classification"
              AND "t24"."_members_rank" = "t35"."_members_rank"
          ) AS "t39"
        ) AS "t42"
      ) AS "t45"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t47"
  ) AS "t48"
) AS "t54"
