-- bilateral.query.mirror.mirror_sql(country(0000), country(0001), (2023, 2024), dialect='duckdb')
WITH "t15" AS (
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
      AND "t13"."partner" IN ('bilateral_stand_in_0001')
      THEN 'first'
      WHEN "t13"."reporter" IN ('bilateral_stand_in_0001')
      AND "t13"."partner" IN ('bilateral_stand_in_0000')
      THEN 'second'
      ELSE NULL
    END AS "side",
    CASE "t13"."product_level"
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
    "t13"."month" IS NULL AS "_annual"
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
              (
                "t1"."reporter" IN ('bilateral_stand_in_0000')
                AND "t1"."partner" IN ('bilateral_stand_in_0001')
              )
              OR (
                "t1"."reporter" IN ('bilateral_stand_in_0001')
                AND "t1"."partner" IN ('bilateral_stand_in_0000')
              )
            )
        ) AS "t4"
      ) AS "t7"
    ) AS "t11"
  ) AS "t13"
  WHERE
    CASE
      WHEN "t13"."reporter" IN ('bilateral_stand_in_0000')
      AND "t13"."partner" IN ('bilateral_stand_in_0001')
      THEN 'first'
      WHEN "t13"."reporter" IN ('bilateral_stand_in_0001')
      AND "t13"."partner" IN ('bilateral_stand_in_0000')
      THEN 'second'
      ELSE NULL
    END IS NOT NULL
), "t18" AS (
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
    "t14"."month" IS NULL AS "_annual"
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
        AND "t12"."partner" IN ('bilateral_stand_in_0001')
        THEN 'first'
        WHEN "t12"."reporter" IN ('bilateral_stand_in_0001')
        AND "t12"."partner" IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS "side"
    FROM (
      SELECT
        "t10".*
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
                (
                  "t0"."reporter" IN ('bilateral_stand_in_0000')
                  AND "t0"."partner" IN ('bilateral_stand_in_0001')
                )
                OR (
                  "t0"."reporter" IN ('bilateral_stand_in_0001')
                  AND "t0"."partner" IN ('bilateral_stand_in_0000')
                )
              )
          ) AS "t3"
        ) AS "t6"
      ) AS "t10"
    ) AS "t12"
  ) AS "t14"
  WHERE
    "t14"."side" IS NOT NULL
), "t28" AS (
  SELECT
    "t17"."source",
    "t17"."reporter",
    "t17"."partner",
    "t17"."flow",
    "t17"."year",
    "t17"."month",
    "t17"."product_level",
    "t17"."value",
    "t17"."confidential_value",
    "t17"."quantity_kg",
    "t17"."rows",
    "t17"."currency",
    "t17"."flags",
    "t17"."vintage",
    "t17"."side",
    CASE "t17"."product_level"
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
    "t17"."month" IS NULL AS "_annual",
    CASE
      WHEN "t17"."side" = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            "t17"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t17"."partner" = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          FALSE AND (
            "t17"."reporter" = 'bilateral_stand_in_0001'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t17"."partner" = 'WORLD'
        )
      ) AS TINYINT)
    END AS "_members_rank"
  FROM (
    SELECT
      "t9"."source",
      "t9"."reporter",
      "t9"."partner",
      "t9"."flow",
      "t9"."year",
      "t9"."month",
      "t9"."product_level",
      "t9"."value",
      "t9"."confidential_value",
      "t9"."quantity_kg",
      "t9"."rows",
      "t9"."currency",
      "t9"."flags",
      "t9"."vintage",
      UNNEST(
        CAST([
          CASE
            WHEN "t9"."reporter" IN ('bilateral_stand_in_0000')
            AND (
              (
                "t9"."partner" = 'WORLD'
              )
              OR NOT (
                "t9"."partner" IN (
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
            WHEN "t9"."reporter" IN ('bilateral_stand_in_0001')
            AND (
              (
                "t9"."partner" = 'WORLD'
              )
              OR NOT (
                "t9"."partner" IN (
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
              AND (
                "t0"."reporter" IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
                OR "t0"."partner" IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
              )
          ) AS "t2"
        ) AS "t5"
      ) AS "t8"
    ) AS "t9"
  ) AS "t17"
  WHERE
    "t17"."side" IS NOT NULL
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
    "t48"."source" AS "unallocated__source",
    "t48"."flow" AS "unallocated__flow",
    "t48"."year" AS "unallocated__year",
    "t48"."total" AS "unallocated__total",
    "t48"."unallocated" AS "unallocated__unallocated",
    "t48"."side" AS "unallocated__side"
  FROM (
    SELECT
      "t44"."source",
      "t44"."flow",
      "t44"."year",
      "t44"."side",
      SUM("t44"."value") AS "total",
      SUM(
        CASE
          WHEN "t44"."partner" IN (
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
          THEN "t44"."value"
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
            "t33"."source",
            "t33"."reporter",
            "t33"."partner",
            "t33"."flow",
            "t33"."year",
            "t33"."month",
            "t33"."product_level",
            "t33"."value",
            "t33"."confidential_value",
            "t33"."quantity_kg",
            "t33"."rows",
            "t33"."currency",
            "t33"."flags",
            "t33"."vintage",
            "t33"."side",
            "t33"."level_rank",
            "t33"."_annual",
            "t33"."_members_rank"
          FROM "t28" AS "t33"
          SEMI JOIN (
            SELECT
              "t30"."source",
              "t30"."side",
              "t30"."flow",
              "t30"."year",
              "t30"."partner",
              "t30"."reporter",
              MIN("t30"."level_rank") AS "level_rank",
              BOOL_OR(CAST("t30"."_annual" AS BOOLEAN)) AS "_annual"
            FROM "t28" AS "t30"
            GROUP BY
              1,
              2,
              3,
              4,
              5,
              6
          ) AS "t38"
            ON "t33"."source" IS NOT DISTINCT FROM "t38"."source"
            AND "t33"."side" IS NOT DISTINCT FROM "t38"."side"
            AND "t33"."flow" IS NOT DISTINCT FROM "t38"."flow"
            AND "t33"."year" IS NOT DISTINCT FROM "t38"."year"
            AND "t33"."partner" IS NOT DISTINCT FROM "t38"."partner"
            AND "t33"."reporter" IS NOT DISTINCT FROM "t38"."reporter"
            AND "t33"."level_rank" = "t38"."level_rank"
            AND "t33"."_annual" = "t38"."_annual"
          SEMI JOIN (
            SELECT
              "t30"."source",
              "t30"."side",
              "t30"."flow",
              "t30"."year",
              "t30"."partner",
              MIN("t30"."_members_rank") AS "_members_rank"
            FROM "t28" AS "t30"
            GROUP BY
              1,
              2,
              3,
              4,
              5
          ) AS "t39"
            ON "t33"."source" IS NOT DISTINCT FROM "t39"."source"
            AND "t33"."side" IS NOT DISTINCT FROM "t39"."side"
            AND "t33"."flow" IS NOT DISTINCT FROM "t39"."flow"
            AND "t33"."year" IS NOT DISTINCT FROM "t39"."year"
            AND "t33"."partner" IS NOT DISTINCT FROM "t39"."partner"
            AND "t33"."_members_rank" = "t39"."_members_rank"
        ) AS "t41"
      ) AS "t43"
      WHERE
        "t43"."partner" <> 'WORLD'
    ) AS "t44"
    GROUP BY
      1,
      2,
      3,
      4
  ) AS "t48"
) AS "t49"
UNION ALL
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      'totals' AS "part",
      "t45"."source" AS "totals__source",
      "t45"."side" AS "totals__side",
      "t45"."flow" AS "totals__flow",
      "t45"."year" AS "totals__year",
      "t45"."month" AS "totals__month",
      "t45"."reporter" AS "totals__reporter",
      "t45"."unconverted" AS "totals__unconverted",
      "t45"."value" AS "totals__value",
      "t45"."confidential_value" AS "totals__confidential_value",
      "t45"."currency" AS "totals__currency",
      "t45"."vintage" AS "totals__vintage",
      "t45"."months" AS "totals__months",
      "t45"."annual" AS "totals__annual",
      "t45"."synthetic" AS "totals__synthetic",
      "t45"."reconciled" AS "totals__reconciled",
      "t45"."file_dated" AS "totals__file_dated",
      "t45"."product_level" AS "totals__product_level",
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
        "t42"."source",
        "t42"."side",
        "t42"."flow",
        "t42"."year",
        "t42"."month",
        "t42"."reporter",
        SUM("t42"."unconverted") AS "unconverted",
        SUM("t42"."value") AS "value",
        SUM("t42"."confidential_value") AS "confidential_value",
        LIST_MIN(ARRAY_AGG("t42"."currency") FILTER(WHERE
          "t42"."currency" IS NOT NULL)) AS "currency",
        LIST_MAX(ARRAY_AGG("t42"."vintage") FILTER(WHERE
          "t42"."vintage" IS NOT NULL)) AS "vintage",
        MIN("t42"."months") AS "months",
        BOOL_OR(CAST("t42"."annual" AS BOOLEAN)) AS "annual",
        BOOL_OR(CAST("t42"."synthetic" AS BOOLEAN)) AS "synthetic",
        BOOL_OR(CAST("t42"."reconciled" AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST("t42"."file_dated" AS BOOLEAN)) AS "file_dated",
        MIN("t42"."product_level") AS "product_level"
      FROM (
        SELECT
          "t34"."source",
          "t34"."side",
          "t34"."flow",
          "t34"."year",
          "t34"."month",
          "t34"."reporter",
          SUM(CAST("t34"."unconverted" AS INT)) AS "unconverted",
          SUM("t34"."value") AS "value",
          SUM("t34"."confidential_value") AS "confidential_value",
          LIST_MIN(ARRAY_AGG("t34"."currency") FILTER(WHERE
            "t34"."currency" IS NOT NULL)) AS "currency",
          LIST_MAX(ARRAY_AGG("t34"."vintage") FILTER(WHERE
            "t34"."vintage" IS NOT NULL)) AS "vintage",
          COALESCE(
            ARRAY_LENGTH(
              CASE
                WHEN ARRAY_AGG("t34"."month") FILTER(WHERE
                  "t34"."month" IS NOT NULL) IS NULL
                THEN NULL
                ELSE LIST_DISTINCT(ARRAY_AGG("t34"."month") FILTER(WHERE
                  "t34"."month" IS NOT NULL)) + CASE
                  WHEN LIST_BOOL_OR(
                    LIST_APPLY(
                      ARRAY_AGG("t34"."month") FILTER(WHERE
                        "t34"."month" IS NOT NULL),
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
          BOOL_OR(CAST("t34"."month" IS NULL AS BOOLEAN)) AS "annual",
          BOOL_OR(CAST(CONTAINS(COALESCE("t34"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
          BOOL_OR(CAST(CONTAINS(COALESCE("t34"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
          BOOL_OR(CAST(CONTAINS(COALESCE("t34"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated",
          MIN("t34"."product_level") AS "product_level"
        FROM (
          SELECT
            "t31"."source",
            "t31"."reporter",
            "t31"."partner",
            "t31"."flow",
            "t31"."year",
            "t31"."month",
            "t31"."product_level",
            "t31"."value",
            "t31"."confidential_value",
            "t31"."quantity_kg",
            "t31"."rows",
            "t31"."currency",
            "t31"."flags",
            "t31"."vintage",
            "t31"."side",
            "t31"."level_rank",
            FALSE AS "unconverted"
          FROM (
            SELECT
              "t29".*
              EXCLUDE ("_annual")
            FROM (
              SELECT
                "t21"."source",
                "t21"."reporter",
                "t21"."partner",
                "t21"."flow",
                "t21"."year",
                "t21"."month",
                "t21"."product_level",
                "t21"."value",
                "t21"."confidential_value",
                "t21"."quantity_kg",
                "t21"."rows",
                "t21"."currency",
                "t21"."flags",
                "t21"."vintage",
                "t21"."side",
                "t21"."level_rank",
                "t21"."_annual"
              FROM "t18" AS "t21"
              SEMI JOIN (
                SELECT
                  "t20"."source",
                  "t20"."side",
                  "t20"."flow",
                  "t20"."year",
                  "t20"."reporter",
                  "t20"."partner",
                  MIN("t20"."level_rank") AS "level_rank",
                  BOOL_OR(CAST("t20"."_annual" AS BOOLEAN)) AS "_annual"
                FROM "t18" AS "t20"
                GROUP BY
                  1,
                  2,
                  3,
                  4,
                  5,
                  6
              ) AS "t25"
                ON "t21"."source" IS NOT DISTINCT FROM "t25"."source"
                AND "t21"."side" IS NOT DISTINCT FROM "t25"."side"
                AND "t21"."flow" IS NOT DISTINCT FROM "t25"."flow"
                AND "t21"."year" IS NOT DISTINCT FROM "t25"."year"
                AND "t21"."reporter" IS NOT DISTINCT FROM "t25"."reporter"
                AND "t21"."partner" IS NOT DISTINCT FROM "t25"."partner"
                AND "t21"."level_rank" = "t25"."level_rank"
                AND "t21"."_annual" = "t25"."_annual"
            ) AS "t29"
          ) AS "t31"
        ) AS "t34"
        GROUP BY
          1,
          2,
          3,
          4,
          5,
          6
      ) AS "t42"
      GROUP BY
        1,
        2,
        3,
        4,
        5,
        6
    ) AS "t45"
  ) AS "t46"
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
      "t37"."source" AS "chapters__source",
      "t37"."side" AS "chapters__side",
      "t37"."flow" AS "chapters__flow",
      "t37"."year" AS "chapters__year",
      "t37"."code" AS "chapters__code",
      "t37"."unconverted" AS "chapters__unconverted",
      "t37"."value" AS "chapters__value",
      CAST(NULL AS TEXT) AS "unallocated__source",
      CAST(NULL AS TEXT) AS "unallocated__flow",
      CAST(NULL AS SMALLINT) AS "unallocated__year",
      CAST(NULL AS DOUBLE) AS "unallocated__total",
      CAST(NULL AS DOUBLE) AS "unallocated__unallocated",
      CAST(NULL AS TEXT) AS "unallocated__side"
    FROM (
      SELECT
        "t32"."source",
        "t32"."side",
        "t32"."flow",
        "t32"."year",
        "t32"."code",
        SUM(CAST("t32"."unconverted" AS INT)) AS "unconverted",
        SUM("t32"."value") AS "value"
      FROM (
        SELECT
          "t27"."source",
          "t27"."reporter",
          "t27"."partner",
          "t27"."flow",
          "t27"."year",
          "t27"."month",
          "t27"."product_level",
          "t27"."classification",
          "t27"."code",
          "t27"."value",
          "t27"."confidential_value",
          "t27"."quantity_kg",
          "t27"."rows",
          "t27"."currency",
          "t27"."flags",
          "t27"."vintage",
          "t27"."side",
          "t27"."level_rank",
          FALSE AS "unconverted"
        FROM (
          SELECT
            "t26".*
            EXCLUDE ("_annual")
          FROM (
            SELECT
              "t19"."source",
              "t19"."reporter",
              "t19"."partner",
              "t19"."flow",
              "t19"."year",
              "t19"."month",
              "t19"."product_level",
              "t19"."classification",
              "t19"."code",
              "t19"."value",
              "t19"."confidential_value",
              "t19"."quantity_kg",
              "t19"."rows",
              "t19"."currency",
              "t19"."flags",
              "t19"."vintage",
              "t19"."side",
              "t19"."level_rank",
              "t19"."_annual"
            FROM "t15" AS "t19"
            SEMI JOIN (
              SELECT
                "t16"."source",
                "t16"."side",
                "t16"."flow",
                "t16"."year",
                "t16"."classification",
                "t16"."reporter",
                "t16"."partner",
                MIN("t16"."level_rank") AS "level_rank",
                BOOL_OR(CAST("t16"."_annual" AS BOOLEAN)) AS "_annual"
              FROM "t15" AS "t16"
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6,
                7
            ) AS "t23"
              ON "t19"."source" IS NOT DISTINCT FROM "t23"."source"
              AND "t19"."side" IS NOT DISTINCT FROM "t23"."side"
              AND "t19"."flow" IS NOT DISTINCT FROM "t23"."flow"
              AND "t19"."year" IS NOT DISTINCT FROM "t23"."year"
              AND "t19"."classification" IS NOT DISTINCT FROM "t23"."classification"
              AND "t19"."reporter" IS NOT DISTINCT FROM "t23"."reporter"
              AND "t19"."partner" IS NOT DISTINCT FROM "t23"."partner"
              AND "t19"."level_rank" = "t23"."level_rank"
              AND "t19"."_annual" = "t23"."_annual"
          ) AS "t26"
        ) AS "t27"
      ) AS "t32"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t37"
  ) AS "t40"
) AS "t47"
