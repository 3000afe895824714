-- bilateral.query.pair_indicators.total_inputs_sql(country(0000), country(0001), group(WORLD), 2024, dialect='duckdb')
WITH "t21" AS (
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
    "t17"."month" IS NULL AS "_annual"
  FROM (
    SELECT
      "t15"."source",
      "t15"."reporter",
      "t15"."partner",
      "t15"."flow",
      "t15"."year",
      "t15"."month",
      "t15"."product_level",
      "t15"."value",
      "t15"."confidential_value",
      "t15"."quantity_kg",
      "t15"."rows",
      "t15"."currency",
      "t15"."flags",
      "t15"."vintage",
      CASE
        WHEN "t15"."reporter" IN ('bilateral_stand_in_0000')
        AND "t15"."partner" IN ('bilateral_stand_in_0001')
        THEN 'first'
        WHEN "t15"."reporter" IN ('bilateral_stand_in_0001')
        AND "t15"."partner" IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS "side"
    FROM (
      SELECT
        "t13".*
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
              "t0"."product_level" = 'TOTAL'
              AND "t0"."year" IN (2024)
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
        ) AS "t7"
      ) AS "t13"
    ) AS "t15"
  ) AS "t17"
  WHERE
    "t17"."side" IS NOT NULL
), "t22" AS (
  SELECT
    "t18"."source",
    "t18"."reporter",
    "t18"."partner",
    "t18"."flow",
    "t18"."year",
    "t18"."month",
    "t18"."product_level",
    "t18"."value",
    "t18"."confidential_value",
    "t18"."quantity_kg",
    "t18"."rows",
    "t18"."currency",
    "t18"."flags",
    "t18"."vintage",
    "t18"."side",
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
      CASE
        WHEN "t16"."reporter" IN ('bilateral_stand_in_0001')
        AND "t16"."partner" IN ('bilateral_stand_in_0000')
        THEN 'first'
        WHEN "t16"."reporter" IN ('bilateral_stand_in_0000')
        AND "t16"."partner" IN ('bilateral_stand_in_0001')
        THEN 'second'
        ELSE NULL
      END AS "side"
    FROM (
      SELECT
        "t14".*
        EXCLUDE ("_copy")
      FROM (
        SELECT
          "t8"."source",
          CASE WHEN "t8"."_copy" THEN "t8"."partner" ELSE "t8"."reporter" END AS "reporter",
          CASE WHEN "t8"."_copy" THEN "t8"."reporter" ELSE "t8"."partner" END AS "partner",
          CASE
            WHEN "t8"."_copy"
            THEN REPLACE("t8"."flow", 'export', 'import')
            ELSE "t8"."flow"
          END AS "flow",
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
          "t8"."_copy"
        FROM (
          SELECT
            "t4"."source",
            "t4"."reporter",
            "t4"."partner",
            "t4"."flow",
            "t4"."year",
            "t4"."month",
            "t4"."product_level",
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
            FROM "rollup_totals" AS "t0"
            WHERE
              "t0"."product_level" = 'TOTAL'
              AND "t0"."year" IN (2024)
              AND (
                (
                  "t0"."reporter" IN ('bilateral_stand_in_0001')
                  AND "t0"."partner" IN ('bilateral_stand_in_0000')
                )
                OR (
                  "t0"."reporter" IN ('bilateral_stand_in_0000')
                  AND "t0"."partner" IN ('bilateral_stand_in_0001')
                )
              )
          ) AS "t4"
        ) AS "t8"
      ) AS "t14"
    ) AS "t16"
  ) AS "t18"
  WHERE
    "t18"."side" IS NOT NULL
), "t31" AS (
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
    "t19"."month" IS NULL AS "_annual",
    CASE
      WHEN "t19"."side" = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            "t19"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t19"."partner" = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          TRUE AND (
            "t19"."reporter" = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          "t19"."partner" = 'bilateral_stand_in_0000'
        )
      ) AS TINYINT)
    END AS "_members_rank"
  FROM (
    SELECT
      "t11"."source",
      "t11"."reporter",
      "t11"."partner",
      "t11"."flow",
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
      CASE
        WHEN "t11"."reporter" IN ('bilateral_stand_in_0000')
        AND (
          (
            "t11"."partner" = 'WORLD'
          )
          OR NOT (
            "t11"."partner" IN (
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
            "t11"."reporter" = 'WORLD'
          )
          OR NOT (
            "t11"."reporter" IN (
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
        AND "t11"."partner" IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS "side"
    FROM (
      SELECT
        "t9".*
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
            "t1"."source",
            "t1"."reporter",
            "t1"."partner",
            "t1"."flow",
            "t1"."year",
            "t1"."month",
            "t1"."product_level",
            "t1"."value",
            "t1"."confidential_value",
            "t1"."quantity_kg",
            "t1"."rows",
            "t1"."currency",
            "t1"."flags",
            "t1"."vintage",
            UNNEST(
              CASE
                WHEN "t1"."source" IN ('baci')
                AND (
                  "t1"."flow" = 'export'
                )
                AND CONTAINS(COALESCE("t1"."flags", ''), 'reconciled')
                THEN [FALSE, TRUE]
                ELSE [FALSE]
              END
            ) AS "_copy"
          FROM (
            SELECT
              *
            FROM "rollup_totals" AS "t0"
            WHERE
              "t0"."product_level" = 'TOTAL'
              AND "t0"."year" IN (2024)
              AND (
                "t0"."reporter" IN ('bilateral_stand_in_0000')
                OR "t0"."partner" IN ('bilateral_stand_in_0000')
              )
          ) AS "t1"
        ) AS "t5"
      ) AS "t9"
    ) AS "t11"
  ) AS "t19"
  WHERE
    "t19"."side" IS NOT NULL
), "t32" AS (
  SELECT
    "t20"."source",
    "t20"."reporter",
    "t20"."partner",
    "t20"."flow",
    "t20"."year",
    "t20"."month",
    "t20"."product_level",
    "t20"."value",
    "t20"."confidential_value",
    "t20"."quantity_kg",
    "t20"."rows",
    "t20"."currency",
    "t20"."flags",
    "t20"."vintage",
    "t20"."side",
    CASE "t20"."product_level"
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
    "t20"."month" IS NULL AS "_annual",
    CASE
      WHEN "t20"."side" = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            "t20"."reporter" = 'bilateral_stand_in_0001'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t20"."partner" = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          TRUE AND (
            "t20"."reporter" = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          "t20"."partner" = 'bilateral_stand_in_0001'
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
        WHEN "t12"."reporter" IN ('bilateral_stand_in_0001')
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
        AND "t12"."partner" IN ('bilateral_stand_in_0001')
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
              "t0"."product_level" = 'TOTAL'
              AND "t0"."year" IN (2024)
              AND (
                "t0"."reporter" IN ('bilateral_stand_in_0001')
                OR "t0"."partner" IN ('bilateral_stand_in_0001')
              )
          ) AS "t2"
        ) AS "t6"
      ) AS "t10"
    ) AS "t12"
  ) AS "t20"
  WHERE
    "t20"."side" IS NOT NULL
)
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t55"."source",
      "t55"."flow",
      "t55"."code",
      "t55"."value",
      "t55"."reconciled",
      "t55"."synthetic",
      'pair' AS "slice"
    FROM (
      SELECT
        "t49"."source",
        "t49"."flow",
        'TOTAL' AS "code",
        SUM("t49"."value") AS "value",
        BOOL_OR(CAST(CONTAINS(COALESCE("t49"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST(CONTAINS(COALESCE("t49"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t37".*
            EXCLUDE ("_annual")
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
              "t25"."_annual"
            FROM "t21" AS "t25"
            SEMI JOIN (
              SELECT
                "t23"."source",
                "t23"."side",
                "t23"."flow",
                "t23"."year",
                "t23"."reporter",
                "t23"."partner",
                MIN("t23"."level_rank") AS "level_rank",
                BOOL_OR(CAST("t23"."_annual" AS BOOLEAN)) AS "_annual"
              FROM "t21" AS "t23"
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6
            ) AS "t29"
              ON "t25"."source" IS NOT DISTINCT FROM "t29"."source"
              AND "t25"."side" IS NOT DISTINCT FROM "t29"."side"
              AND "t25"."flow" IS NOT DISTINCT FROM "t29"."flow"
              AND "t25"."year" IS NOT DISTINCT FROM "t29"."year"
              AND "t25"."reporter" IS NOT DISTINCT FROM "t29"."reporter"
              AND "t25"."partner" IS NOT DISTINCT FROM "t29"."partner"
              AND "t25"."level_rank" = "t29"."level_rank"
              AND "t25"."_annual" = "t29"."_annual"
          ) AS "t37"
        ) AS "t39"
        WHERE
          "t39"."side" = 'first'
      ) AS "t49"
      GROUP BY
        1,
        2
    ) AS "t55"
  ) AS "t59"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t56"."source",
      "t56"."flow",
      "t56"."code",
      "t56"."value",
      "t56"."reconciled",
      "t56"."synthetic",
      'pair_mirror' AS "slice"
    FROM (
      SELECT
        "t50"."source",
        "t50"."flow",
        'TOTAL' AS "code",
        SUM("t50"."value") AS "value",
        BOOL_OR(CAST(CONTAINS(COALESCE("t50"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST(CONTAINS(COALESCE("t50"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t38".*
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
            FROM "t22" AS "t26"
            SEMI JOIN (
              SELECT
                "t24"."source",
                "t24"."side",
                "t24"."flow",
                "t24"."year",
                "t24"."reporter",
                "t24"."partner",
                MIN("t24"."level_rank") AS "level_rank",
                BOOL_OR(CAST("t24"."_annual" AS BOOLEAN)) AS "_annual"
              FROM "t22" AS "t24"
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
          ) AS "t38"
        ) AS "t40"
        WHERE
          "t40"."side" = 'first'
      ) AS "t50"
      GROUP BY
        1,
        2
    ) AS "t56"
  ) AS "t60"
) AS "t61"
UNION ALL
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t62"."source",
      "t62"."flow",
      "t62"."code",
      "t62"."value",
      "t62"."reconciled",
      "t62"."synthetic",
      'first_world' AS "slice"
    FROM (
      SELECT
        "t57"."source",
        "t57"."flow",
        'TOTAL' AS "code",
        SUM("t57"."value") AS "value",
        BOOL_OR(CAST(CONTAINS(COALESCE("t57"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST(CONTAINS(COALESCE("t57"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t51".*
            EXCLUDE ("_annual", "_members_rank")
          FROM (
            SELECT
              "t35"."source",
              "t35"."reporter",
              "t35"."partner",
              "t35"."flow",
              "t35"."year",
              "t35"."month",
              "t35"."product_level",
              "t35"."value",
              "t35"."confidential_value",
              "t35"."quantity_kg",
              "t35"."rows",
              "t35"."currency",
              "t35"."flags",
              "t35"."vintage",
              "t35"."side",
              "t35"."level_rank",
              "t35"."_annual",
              "t35"."_members_rank"
            FROM "t31" AS "t35"
            SEMI JOIN (
              SELECT
                "t33"."source",
                "t33"."side",
                "t33"."flow",
                "t33"."year",
                "t33"."reporter",
                "t33"."partner",
                MIN("t33"."level_rank") AS "level_rank",
                BOOL_OR(CAST("t33"."_annual" AS BOOLEAN)) AS "_annual"
              FROM "t31" AS "t33"
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6
            ) AS "t45"
              ON "t35"."source" IS NOT DISTINCT FROM "t45"."source"
              AND "t35"."side" IS NOT DISTINCT FROM "t45"."side"
              AND "t35"."flow" IS NOT DISTINCT FROM "t45"."flow"
              AND "t35"."year" IS NOT DISTINCT FROM "t45"."year"
              AND "t35"."reporter" IS NOT DISTINCT FROM "t45"."reporter"
              AND "t35"."partner" IS NOT DISTINCT FROM "t45"."partner"
              AND "t35"."level_rank" = "t45"."level_rank"
              AND "t35"."_annual" = "t45"."_annual"
            SEMI JOIN (
              SELECT
                "t33"."source",
                "t33"."side",
                "t33"."flow",
                "t33"."year",
                MIN("t33"."_members_rank") AS "_members_rank"
              FROM "t31" AS "t33"
              GROUP BY
                1,
                2,
                3,
                4
            ) AS "t46"
              ON "t35"."source" IS NOT DISTINCT FROM "t46"."source"
              AND "t35"."side" IS NOT DISTINCT FROM "t46"."side"
              AND "t35"."flow" IS NOT DISTINCT FROM "t46"."flow"
              AND "t35"."year" IS NOT DISTINCT FROM "t46"."year"
              AND "t35"."_members_rank" = "t46"."_members_rank"
          ) AS "t51"
        ) AS "t53"
        WHERE
          "t53"."side" = 'first'
      ) AS "t57"
      GROUP BY
        1,
        2
    ) AS "t62"
  ) AS "t64"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t63"."source",
      "t63"."flow",
      "t63"."code",
      "t63"."value",
      "t63"."reconciled",
      "t63"."synthetic",
      'second_world' AS "slice"
    FROM (
      SELECT
        "t58"."source",
        "t58"."flow",
        'TOTAL' AS "code",
        SUM("t58"."value") AS "value",
        BOOL_OR(CAST(CONTAINS(COALESCE("t58"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST(CONTAINS(COALESCE("t58"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t52".*
            EXCLUDE ("_annual", "_members_rank")
          FROM (
            SELECT
              "t36"."source",
              "t36"."reporter",
              "t36"."partner",
              "t36"."flow",
              "t36"."year",
              "t36"."month",
              "t36"."product_level",
              "t36"."value",
              "t36"."confidential_value",
              "t36"."quantity_kg",
              "t36"."rows",
              "t36"."currency",
              "t36"."flags",
              "t36"."vintage",
              "t36"."side",
              "t36"."level_rank",
              "t36"."_annual",
              "t36"."_members_rank"
            FROM "t32" AS "t36"
            SEMI JOIN (
              SELECT
                "t34"."source",
                "t34"."side",
                "t34"."flow",
                "t34"."year",
                "t34"."reporter",
                "t34"."partner",
                MIN("t34"."level_rank") AS "level_rank",
                BOOL_OR(CAST("t34"."_annual" AS BOOLEAN)) AS "_annual"
              FROM "t32" AS "t34"
              GROUP BY
                1,
                2,
                3,
                4,
                5,
                6
            ) AS "t47"
              ON "t36"."source" IS NOT DISTINCT FROM "t47"."source"
              AND "t36"."side" IS NOT DISTINCT FROM "t47"."side"
              AND "t36"."flow" IS NOT DISTINCT FROM "t47"."flow"
              AND "t36"."year" IS NOT DISTINCT FROM "t47"."year"
              AND "t36"."reporter" IS NOT DISTINCT FROM "t47"."reporter"
              AND "t36"."partner" IS NOT DISTINCT FROM "t47"."partner"
              AND "t36"."level_rank" = "t47"."level_rank"
              AND "t36"."_annual" = "t47"."_annual"
            SEMI JOIN (
              SELECT
                "t34"."source",
                "t34"."side",
                "t34"."flow",
                "t34"."year",
                MIN("t34"."_members_rank") AS "_members_rank"
              FROM "t32" AS "t34"
              GROUP BY
                1,
                2,
                3,
                4
            ) AS "t48"
              ON "t36"."source" IS NOT DISTINCT FROM "t48"."source"
              AND "t36"."side" IS NOT DISTINCT FROM "t48"."side"
              AND "t36"."flow" IS NOT DISTINCT FROM "t48"."flow"
              AND "t36"."year" IS NOT DISTINCT FROM "t48"."year"
              AND "t36"."_members_rank" = "t48"."_members_rank"
          ) AS "t52"
        ) AS "t54"
        WHERE
          "t54"."side" = 'first'
      ) AS "t58"
      GROUP BY
        1,
        2
    ) AS "t63"
  ) AS "t65"
) AS "t66"
