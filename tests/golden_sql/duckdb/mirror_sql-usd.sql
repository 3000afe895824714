-- bilateral.query.mirror.mirror_sql(country(0000), country(0001), (2023, 2024), currency='USD', dialect='duckdb')
WITH "t20" AS (
  SELECT
    "t18"."source",
    "t18"."reporter",
    "t18"."partner",
    "t18"."flow",
    "t18"."year",
    "t18"."month",
    "t18"."product_level",
    "t18"."classification",
    "t18"."code",
    "t18"."value",
    "t18"."confidential_value",
    "t18"."quantity_kg",
    "t18"."rows",
    "t18"."currency",
    "t18"."flags",
    "t18"."vintage",
    CASE
      WHEN "t18"."reporter" IN ('bilateral_stand_in_0000')
      AND "t18"."partner" IN ('bilateral_stand_in_0001')
      THEN 'first'
      WHEN "t18"."reporter" IN ('bilateral_stand_in_0001')
      AND "t18"."partner" IN ('bilateral_stand_in_0000')
      THEN 'second'
      ELSE NULL
    END AS "side",
    CASE "t18"."product_level"
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
    "t18"."month" IS NULL AS "_annual"
  FROM (
    SELECT
      "t16".*
      EXCLUDE ("_copy")
    FROM (
      SELECT
        "t12"."source",
        CASE WHEN "t12"."_copy" THEN "t12"."partner" ELSE "t12"."reporter" END AS "reporter",
        CASE WHEN "t12"."_copy" THEN "t12"."reporter" ELSE "t12"."partner" END AS "partner",
        CASE
          WHEN "t12"."_copy"
          THEN REPLACE("t12"."flow", 'export', 'import')
          ELSE "t12"."flow"
        END AS "flow",
        "t12"."year",
        "t12"."month",
        "t12"."product_level",
        "t12"."classification",
        "t12"."code",
        "t12"."value",
        "t12"."confidential_value",
        "t12"."quantity_kg",
        "t12"."rows",
        "t12"."currency",
        "t12"."flags",
        "t12"."vintage",
        "t12"."_copy"
      FROM (
        SELECT
          "t9"."source",
          "t9"."reporter",
          "t9"."partner",
          "t9"."flow",
          "t9"."year",
          "t9"."month",
          "t9"."product_level",
          "t9"."classification",
          "t9"."code",
          "t9"."value",
          "t9"."confidential_value",
          "t9"."quantity_kg",
          "t9"."rows",
          "t9"."currency",
          "t9"."flags",
          "t9"."vintage",
          UNNEST(
            CASE
              WHEN "t9"."source" IN ('baci')
              AND (
                "t9"."flow" = 'export'
              )
              AND CONTAINS(COALESCE("t9"."flags", ''), 'reconciled')
              THEN [FALSE, TRUE]
              ELSE [FALSE]
            END
          ) AS "_copy"
        FROM (
          SELECT
            *
          FROM "rollup_products" AS "t2"
          WHERE
            "t2"."classification" = 'HS2'
            AND "t2"."year" IN (2023, 2024)
            AND (
              (
                "t2"."reporter" IN ('bilateral_stand_in_0000')
                AND "t2"."partner" IN ('bilateral_stand_in_0001')
              )
              OR (
                "t2"."reporter" IN ('bilateral_stand_in_0001')
                AND "t2"."partner" IN ('bilateral_stand_in_0000')
              )
            )
        ) AS "t9"
      ) AS "t12"
    ) AS "t16"
  ) AS "t18"
  WHERE
    CASE
      WHEN "t18"."reporter" IN ('bilateral_stand_in_0000')
      AND "t18"."partner" IN ('bilateral_stand_in_0001')
      THEN 'first'
      WHEN "t18"."reporter" IN ('bilateral_stand_in_0001')
      AND "t18"."partner" IN ('bilateral_stand_in_0000')
      THEN 'second'
      ELSE NULL
    END IS NOT NULL
), "t23" AS (
  SELECT
    "t19"."source",
    "t19"."reporter",
    "t19"."partner",
    "t19"."flow",
    "t19"."year",
    "t19"."month",
    "t19"."product_level",
    "t19"."value",
    "t19"."confidential_value",
    "t19"."quantity_kg",
    "t19"."rows",
    "t19"."currency",
    "t19"."flags",
    "t19"."vintage",
    "t19"."side",
    CASE "t19"."product_level"
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
    "t19"."month" IS NULL AS "_annual"
  FROM (
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
      CASE
        WHEN "t17"."reporter" IN ('bilateral_stand_in_0000')
        AND "t17"."partner" IN ('bilateral_stand_in_0001')
        THEN 'first'
        WHEN "t17"."reporter" IN ('bilateral_stand_in_0001')
        AND "t17"."partner" IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS "side"
    FROM (
      SELECT
        "t15".*
        EXCLUDE ("_copy")
      FROM (
        SELECT
          "t11"."source",
          CASE WHEN "t11"."_copy" THEN "t11"."partner" ELSE "t11"."reporter" END AS "reporter",
          CASE WHEN "t11"."_copy" THEN "t11"."reporter" ELSE "t11"."partner" END AS "partner",
          CASE
            WHEN "t11"."_copy"
            THEN REPLACE("t11"."flow", 'export', 'import')
            ELSE "t11"."flow"
          END AS "flow",
          "t11"."year",
          "t11"."month",
          "t11"."product_level",
          "t11"."value",
          "t11"."confidential_value",
          "t11"."quantity_kg",
          "t11"."rows",
          "t11"."currency",
          "t11"."flags",
          "t11"."vintage",
          "t11"."_copy"
        FROM (
          SELECT
            "t8"."source",
            "t8"."reporter",
            "t8"."partner",
            "t8"."flow",
            "t8"."year",
            "t8"."month",
            "t8"."product_level",
            "t8"."value",
            "t8"."confidential_value",
            "t8"."quantity_kg",
            "t8"."rows",
            "t8"."currency",
            "t8"."flags",
            "t8"."vintage",
            UNNEST(
              CASE
                WHEN "t8"."source" IN ('baci')
                AND (
                  "t8"."flow" = 'export'
                )
                AND CONTAINS(COALESCE("t8"."flags", ''), 'reconciled')
                THEN [FALSE, TRUE]
                ELSE [FALSE]
              END
            ) AS "_copy"
          FROM (
            SELECT
              *
            FROM "rollup_totals" AS "t1"
            WHERE
              "t1"."year" IN (2023, 2024)
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
          ) AS "t8"
        ) AS "t11"
      ) AS "t15"
    ) AS "t17"
  ) AS "t19"
  WHERE
    "t19"."side" IS NOT NULL
), "t33" AS (
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
    CASE "t22"."product_level"
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
    "t22"."month" IS NULL AS "_annual",
    CASE
      WHEN "t22"."side" = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            "t22"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t22"."partner" = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          FALSE AND (
            "t22"."reporter" = 'bilateral_stand_in_0001'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t22"."partner" = 'WORLD'
        )
      ) AS TINYINT)
    END AS "_members_rank"
  FROM (
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
      UNNEST(
        CAST([
          CASE
            WHEN "t14"."reporter" IN ('bilateral_stand_in_0000')
            AND (
              (
                "t14"."partner" = 'WORLD'
              )
              OR NOT (
                "t14"."partner" IN (
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
            WHEN "t14"."reporter" IN ('bilateral_stand_in_0001')
            AND (
              (
                "t14"."partner" = 'WORLD'
              )
              OR NOT (
                "t14"."partner" IN (
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
        "t13".*
        EXCLUDE ("_copy")
      FROM (
        SELECT
          "t10"."source",
          CASE WHEN "t10"."_copy" THEN "t10"."partner" ELSE "t10"."reporter" END AS "reporter",
          CASE WHEN "t10"."_copy" THEN "t10"."reporter" ELSE "t10"."partner" END AS "partner",
          CASE
            WHEN "t10"."_copy"
            THEN REPLACE("t10"."flow", 'export', 'import')
            ELSE "t10"."flow"
          END AS "flow",
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
          "t10"."_copy"
        FROM (
          SELECT
            "t7"."source",
            "t7"."reporter",
            "t7"."partner",
            "t7"."flow",
            "t7"."year",
            "t7"."month",
            "t7"."product_level",
            "t7"."value",
            "t7"."confidential_value",
            "t7"."quantity_kg",
            "t7"."rows",
            "t7"."currency",
            "t7"."flags",
            "t7"."vintage",
            UNNEST(
              CASE
                WHEN "t7"."source" IN ('baci')
                AND (
                  "t7"."flow" = 'export'
                )
                AND CONTAINS(COALESCE("t7"."flags", ''), 'reconciled')
                THEN [FALSE, TRUE]
                ELSE [FALSE]
              END
            ) AS "_copy"
          FROM (
            SELECT
              *
            FROM "rollup_totals" AS "t1"
            WHERE
              "t1"."year" IN (2023, 2024)
              AND (
                "t1"."reporter" IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
                OR "t1"."partner" IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
              )
          ) AS "t7"
        ) AS "t10"
      ) AS "t13"
    ) AS "t14"
  ) AS "t22"
  WHERE
    "t22"."side" IS NOT NULL
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
    "t55"."source" AS "unallocated__source",
    "t55"."flow" AS "unallocated__flow",
    "t55"."year" AS "unallocated__year",
    "t55"."total" AS "unallocated__total",
    "t55"."unallocated" AS "unallocated__unallocated",
    "t55"."side" AS "unallocated__side"
  FROM (
    SELECT
      "t52"."source",
      "t52"."flow",
      "t52"."year",
      "t52"."side",
      SUM("t52"."value") AS "total",
      SUM(
        CASE
          WHEN "t52"."partner" IN (
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
          THEN "t52"."value"
          ELSE 0.0
        END
      ) AS "unallocated"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t47".*
          EXCLUDE ("_annual", "_members_rank")
        FROM (
          SELECT
            "t38"."source",
            "t38"."reporter",
            "t38"."partner",
            "t38"."flow",
            "t38"."year",
            "t38"."month",
            "t38"."product_level",
            "t38"."value",
            "t38"."confidential_value",
            "t38"."quantity_kg",
            "t38"."rows",
            "t38"."currency",
            "t38"."flags",
            "t38"."vintage",
            "t38"."side",
            "t38"."level_rank",
            "t38"."_annual",
            "t38"."_members_rank"
          FROM "t33" AS "t38"
          SEMI JOIN (
            SELECT
              "t36"."source",
              "t36"."side",
              "t36"."flow",
              "t36"."year",
              "t36"."partner",
              "t36"."reporter",
              MIN("t36"."level_rank") AS "level_rank",
              BOOL_OR(CAST("t36"."_annual" AS BOOLEAN)) AS "_annual"
            FROM "t33" AS "t36"
            GROUP BY
              1,
              2,
              3,
              4,
              5,
              6
          ) AS "t43"
            ON "t38"."source" IS NOT DISTINCT FROM "t43"."source"
            AND "t38"."side" IS NOT DISTINCT FROM "t43"."side"
            AND "t38"."flow" IS NOT DISTINCT FROM "t43"."flow"
            AND "t38"."year" IS NOT DISTINCT FROM "t43"."year"
            AND "t38"."partner" IS NOT DISTINCT FROM "t43"."partner"
            AND "t38"."reporter" IS NOT DISTINCT FROM "t43"."reporter"
            AND "t38"."level_rank" = "t43"."level_rank"
            AND "t38"."_annual" = "t43"."_annual"
          SEMI JOIN (
            SELECT
              "t36"."source",
              "t36"."side",
              "t36"."flow",
              "t36"."year",
              "t36"."partner",
              MIN("t36"."_members_rank") AS "_members_rank"
            FROM "t33" AS "t36"
            GROUP BY
              1,
              2,
              3,
              4,
              5
          ) AS "t44"
            ON "t38"."source" IS NOT DISTINCT FROM "t44"."source"
            AND "t38"."side" IS NOT DISTINCT FROM "t44"."side"
            AND "t38"."flow" IS NOT DISTINCT FROM "t44"."flow"
            AND "t38"."year" IS NOT DISTINCT FROM "t44"."year"
            AND "t38"."partner" IS NOT DISTINCT FROM "t44"."partner"
            AND "t38"."_members_rank" = "t44"."_members_rank"
        ) AS "t47"
      ) AS "t49"
      WHERE
        "t49"."partner" <> 'WORLD'
    ) AS "t52"
    GROUP BY
      1,
      2,
      3,
      4
  ) AS "t55"
) AS "t56"
UNION ALL
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      'totals' AS "part",
      "t57"."source" AS "totals__source",
      "t57"."side" AS "totals__side",
      "t57"."flow" AS "totals__flow",
      "t57"."year" AS "totals__year",
      "t57"."month" AS "totals__month",
      "t57"."reporter" AS "totals__reporter",
      "t57"."unconverted" AS "totals__unconverted",
      "t57"."value" AS "totals__value",
      "t57"."confidential_value" AS "totals__confidential_value",
      "t57"."currency" AS "totals__currency",
      "t57"."vintage" AS "totals__vintage",
      "t57"."months" AS "totals__months",
      "t57"."annual" AS "totals__annual",
      "t57"."synthetic" AS "totals__synthetic",
      "t57"."reconciled" AS "totals__reconciled",
      "t57"."file_dated" AS "totals__file_dated",
      "t57"."product_level" AS "totals__product_level",
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
        "t54"."source",
        "t54"."side",
        "t54"."flow",
        "t54"."year",
        "t54"."month",
        "t54"."reporter",
        SUM("t54"."unconverted") AS "unconverted",
        SUM("t54"."value") AS "value",
        SUM("t54"."confidential_value") AS "confidential_value",
        LIST_MIN(ARRAY_AGG("t54"."currency") FILTER(WHERE
          "t54"."currency" IS NOT NULL)) AS "currency",
        LIST_MAX(ARRAY_AGG("t54"."vintage") FILTER(WHERE
          "t54"."vintage" IS NOT NULL)) AS "vintage",
        MIN("t54"."months") AS "months",
        BOOL_OR(CAST("t54"."annual" AS BOOLEAN)) AS "annual",
        BOOL_OR(CAST("t54"."synthetic" AS BOOLEAN)) AS "synthetic",
        BOOL_OR(CAST("t54"."reconciled" AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST("t54"."file_dated" AS BOOLEAN)) AS "file_dated",
        MIN("t54"."product_level") AS "product_level"
      FROM (
        SELECT
          "t50"."source",
          "t50"."side",
          "t50"."flow",
          "t50"."year",
          "t50"."month",
          "t50"."reporter",
          SUM(CAST("t50"."unconverted" AS INT)) AS "unconverted",
          SUM("t50"."value") AS "value",
          SUM("t50"."confidential_value") AS "confidential_value",
          LIST_MIN(ARRAY_AGG("t50"."currency") FILTER(WHERE
            "t50"."currency" IS NOT NULL)) AS "currency",
          LIST_MAX(ARRAY_AGG("t50"."vintage") FILTER(WHERE
            "t50"."vintage" IS NOT NULL)) AS "vintage",
          COALESCE(
            ARRAY_LENGTH(
              CASE
                WHEN ARRAY_AGG("t50"."month") FILTER(WHERE
                  "t50"."month" IS NOT NULL) IS NULL
                THEN NULL
                ELSE LIST_DISTINCT(ARRAY_AGG("t50"."month") FILTER(WHERE
                  "t50"."month" IS NOT NULL)) + CASE
                  WHEN LIST_BOOL_OR(
                    LIST_APPLY(
                      ARRAY_AGG("t50"."month") FILTER(WHERE
                        "t50"."month" IS NOT NULL),
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
          BOOL_OR(CAST("t50"."month" IS NULL AS BOOLEAN)) AS "annual",
          BOOL_OR(CAST(CONTAINS(COALESCE("t50"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
          BOOL_OR(CAST(CONTAINS(COALESCE("t50"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
          BOOL_OR(CAST(CONTAINS(COALESCE("t50"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated",
          MIN("t50"."product_level") AS "product_level"
        FROM (
          SELECT
            "t45"."source",
            "t45"."reporter",
            "t45"."partner",
            "t45"."flow",
            "t45"."year",
            "t45"."month",
            "t45"."product_level",
            (
              "t45"."value" * "t45"."target_rate"
            ) / "t45"."own_rate" AS "value",
            (
              "t45"."confidential_value" * "t45"."target_rate"
            ) / "t45"."own_rate" AS "confidential_value",
            "t45"."quantity_kg",
            "t45"."rows",
            'USD' AS "currency",
            "t45"."flags",
            "t45"."vintage",
            "t45"."side",
            "t45"."level_rank",
            (
              "t45"."own_rate" IS NULL
            ) OR (
              "t45"."target_rate" IS NULL
            ) AS "unconverted"
          FROM (
            SELECT
              "t39"."source",
              "t39"."reporter",
              "t39"."partner",
              "t39"."flow",
              "t39"."year",
              "t39"."month",
              "t39"."product_level",
              "t39"."value",
              "t39"."confidential_value",
              "t39"."quantity_kg",
              "t39"."rows",
              "t39"."currency",
              "t39"."flags",
              "t39"."vintage",
              "t39"."side",
              "t39"."level_rank",
              "t5"."rate_currency",
              "t5"."rate_year",
              "t5"."rate_month",
              "t5"."own_rate",
              "t6"."target_currency",
              "t6"."target_year",
              "t6"."target_month",
              "t6"."target_rate"
            FROM (
              SELECT
                "t34".*
                EXCLUDE ("_annual")
              FROM (
                SELECT
                  "t26"."source",
                  "t26"."reporter",
                  "t26"."partner",
                  "t26"."flow",
                  "t26"."year",
                  "t26"."month",
                  "t26"."product_level",
                  "t26"."value",
                  "t26"."confidential_value",
                  "t26"."quantity_kg",
                  "t26"."rows",
                  "t26"."currency",
                  "t26"."flags",
                  "t26"."vintage",
                  "t26"."side",
                  "t26"."level_rank",
                  "t26"."_annual"
                FROM "t23" AS "t26"
                SEMI JOIN (
                  SELECT
                    "t25"."source",
                    "t25"."side",
                    "t25"."flow",
                    "t25"."year",
                    "t25"."reporter",
                    "t25"."partner",
                    MIN("t25"."level_rank") AS "level_rank",
                    BOOL_OR(CAST("t25"."_annual" AS BOOLEAN)) AS "_annual"
                  FROM "t23" AS "t25"
                  GROUP BY
                    1,
                    2,
                    3,
                    4,
                    5,
                    6
                ) AS "t30"
                  ON "t26"."source" IS NOT DISTINCT FROM "t30"."source"
                  AND "t26"."side" IS NOT DISTINCT FROM "t30"."side"
                  AND "t26"."flow" IS NOT DISTINCT FROM "t30"."flow"
                  AND "t26"."year" IS NOT DISTINCT FROM "t30"."year"
                  AND "t26"."reporter" IS NOT DISTINCT FROM "t30"."reporter"
                  AND "t26"."partner" IS NOT DISTINCT FROM "t30"."partner"
                  AND "t26"."level_rank" = "t30"."level_rank"
                  AND "t26"."_annual" = "t30"."_annual"
              ) AS "t34"
            ) AS "t39"
            LEFT OUTER JOIN (
              SELECT
                "t0"."currency" AS "rate_currency",
                "t0"."year" AS "rate_year",
                "t0"."month" AS "rate_month",
                "t0"."per_eur" AS "own_rate"
              FROM "rates" AS "t0"
            ) AS "t5"
              ON "t39"."currency" = "t5"."rate_currency"
              AND "t39"."year" = "t5"."rate_year"
              AND "t39"."month" IS NOT DISTINCT FROM "t5"."rate_month"
            LEFT OUTER JOIN (
              SELECT
                "t0"."currency" AS "target_currency",
                "t0"."year" AS "target_year",
                "t0"."month" AS "target_month",
                "t0"."per_eur" AS "target_rate"
              FROM "rates" AS "t0"
              WHERE
                "t0"."currency" = 'USD'
            ) AS "t6"
              ON "t39"."year" = "t6"."target_year"
              AND "t39"."month" IS NOT DISTINCT FROM "t6"."target_month"
          ) AS "t45"
        ) AS "t50"
        GROUP BY
          1,
          2,
          3,
          4,
          5,
          6
      ) AS "t54"
      GROUP BY
        1,
        2,
        3,
        4,
        5,
        6
    ) AS "t57"
  ) AS "t58"
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
      "t51"."source" AS "chapters__source",
      "t51"."side" AS "chapters__side",
      "t51"."flow" AS "chapters__flow",
      "t51"."year" AS "chapters__year",
      "t51"."code" AS "chapters__code",
      "t51"."unconverted" AS "chapters__unconverted",
      "t51"."value" AS "chapters__value",
      CAST(NULL AS TEXT) AS "unallocated__source",
      CAST(NULL AS TEXT) AS "unallocated__flow",
      CAST(NULL AS SMALLINT) AS "unallocated__year",
      CAST(NULL AS DOUBLE) AS "unallocated__total",
      CAST(NULL AS DOUBLE) AS "unallocated__unallocated",
      CAST(NULL AS TEXT) AS "unallocated__side"
    FROM (
      SELECT
        "t48"."source",
        "t48"."side",
        "t48"."flow",
        "t48"."year",
        "t48"."code",
        SUM(CAST("t48"."unconverted" AS INT)) AS "unconverted",
        SUM("t48"."value") AS "value"
      FROM (
        SELECT
          "t46".*
          EXCLUDE ("own_rate", "rate_currency", "rate_month", "rate_year", "target_currency", "target_month", "target_rate", "target_year")
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
            (
              "t42"."value" * "t42"."target_rate"
            ) / "t42"."own_rate" AS "value",
            (
              "t42"."confidential_value" * "t42"."target_rate"
            ) / "t42"."own_rate" AS "confidential_value",
            "t42"."quantity_kg",
            "t42"."rows",
            'USD' AS "currency",
            "t42"."flags",
            "t42"."vintage",
            "t42"."side",
            "t42"."level_rank",
            "t42"."rate_currency",
            "t42"."rate_year",
            "t42"."rate_month",
            "t42"."own_rate",
            "t42"."target_currency",
            "t42"."target_year",
            "t42"."target_month",
            "t42"."target_rate",
            (
              "t42"."own_rate" IS NULL
            ) OR (
              "t42"."target_rate" IS NULL
            ) AS "unconverted"
          FROM (
            SELECT
              "t35"."source",
              "t35"."reporter",
              "t35"."partner",
              "t35"."flow",
              "t35"."year",
              "t35"."month",
              "t35"."product_level",
              "t35"."classification",
              "t35"."code",
              "t35"."value",
              "t35"."confidential_value",
              "t35"."quantity_kg",
              "t35"."rows",
              "t35"."currency",
              "t35"."flags",
              "t35"."vintage",
              "t35"."side",
              "t35"."level_rank",
              "t5"."rate_currency",
              "t5"."rate_year",
              "t5"."rate_month",
              "t5"."own_rate",
              "t6"."target_currency",
              "t6"."target_year",
              "t6"."target_month",
              "t6"."target_rate"
            FROM (
              SELECT
                "t31".*
                EXCLUDE ("_annual")
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
                  "t24"."_annual"
                FROM "t20" AS "t24"
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
                  FROM "t20" AS "t21"
                  GROUP BY
                    1,
                    2,
                    3,
                    4,
                    5,
                    6,
                    7
                ) AS "t28"
                  ON "t24"."source" IS NOT DISTINCT FROM "t28"."source"
                  AND "t24"."side" IS NOT DISTINCT FROM "t28"."side"
                  AND "t24"."flow" IS NOT DISTINCT FROM "t28"."flow"
                  AND "t24"."year" IS NOT DISTINCT FROM "t28"."year"
                  AND "t24"."classification" IS NOT DISTINCT FROM "t28"."classification"
                  AND "t24"."reporter" IS NOT DISTINCT FROM "t28"."reporter"
                  AND "t24"."partner" IS NOT DISTINCT FROM "t28"."partner"
                  AND "t24"."level_rank" = "t28"."level_rank"
                  AND "t24"."_annual" = "t28"."_annual"
              ) AS "t31"
            ) AS "t35"
            LEFT OUTER JOIN (
              SELECT
                "t0"."currency" AS "rate_currency",
                "t0"."year" AS "rate_year",
                "t0"."month" AS "rate_month",
                "t0"."per_eur" AS "own_rate"
              FROM "rates" AS "t0"
            ) AS "t5"
              ON "t35"."currency" = "t5"."rate_currency"
              AND "t35"."year" = "t5"."rate_year"
              AND "t35"."month" IS NOT DISTINCT FROM "t5"."rate_month"
            LEFT OUTER JOIN (
              SELECT
                "t0"."currency" AS "target_currency",
                "t0"."year" AS "target_year",
                "t0"."month" AS "target_month",
                "t0"."per_eur" AS "target_rate"
              FROM "rates" AS "t0"
              WHERE
                "t0"."currency" = 'USD'
            ) AS "t6"
              ON "t35"."year" = "t6"."target_year"
              AND "t35"."month" IS NOT DISTINCT FROM "t6"."target_month"
          ) AS "t42"
        ) AS "t46"
      ) AS "t48"
      GROUP BY
        1,
        2,
        3,
        4,
        5
    ) AS "t51"
  ) AS "t53"
) AS "t59"
