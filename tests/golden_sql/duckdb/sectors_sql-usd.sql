-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'hs2', currency='USD', dialect='duckdb')
SELECT
  "t17"."source",
  "t17"."side",
  "t17"."flow",
  "t17"."year",
  "t17"."code",
  "t17"."month",
  SUM(CAST("t17"."unconverted" AS INT)) AS "unconverted",
  ARRAY_AGG("t17"."reporter") FILTER(WHERE
    "t17"."reporter" IS NOT NULL) AS "members",
  SUM("t17"."value") AS "value",
  MIN("t17"."currency") AS "currency",
  MAX("t17"."vintage") AS "vintage",
  BOOL_OR(CAST(CONTAINS(COALESCE("t17"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
  BOOL_OR(CAST(CONTAINS(COALESCE("t17"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated"
FROM (
  SELECT
    "t16".*
    EXCLUDE ("own_rate", "rate_currency", "rate_month", "rate_year", "target_currency", "target_month", "target_rate", "target_year")
  FROM (
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
      (
        "t15"."value" * "t15"."target_rate"
      ) / "t15"."own_rate" AS "value",
      (
        "t15"."confidential_value" * "t15"."target_rate"
      ) / "t15"."own_rate" AS "confidential_value",
      "t15"."quantity_kg",
      "t15"."rows",
      'USD' AS "currency",
      "t15"."flags",
      "t15"."vintage",
      "t15"."side",
      "t15"."level_rank",
      "t15"."rate_currency",
      "t15"."rate_year",
      "t15"."rate_month",
      "t15"."own_rate",
      "t15"."target_currency",
      "t15"."target_year",
      "t15"."target_month",
      "t15"."target_rate",
      (
        "t15"."own_rate" IS NULL
      ) OR (
        "t15"."target_rate" IS NULL
      ) AS "unconverted"
    FROM (
      SELECT
        "t14"."source",
        "t14"."reporter",
        "t14"."partner",
        "t14"."flow",
        "t14"."year",
        "t14"."month",
        "t14"."product_level",
        "t14"."classification",
        "t14"."code",
        "t14"."value",
        "t14"."confidential_value",
        "t14"."quantity_kg",
        "t14"."rows",
        "t14"."currency",
        "t14"."flags",
        "t14"."vintage",
        "t14"."side",
        "t14"."level_rank",
        "t4"."rate_currency",
        "t4"."rate_year",
        "t4"."rate_month",
        "t4"."own_rate",
        "t5"."target_currency",
        "t5"."target_year",
        "t5"."target_month",
        "t5"."target_rate"
      FROM (
        SELECT
          "t12".*
          EXCLUDE ("_monthly_only", "_top_level")
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t10"."source",
              "t10"."reporter",
              "t10"."partner",
              "t10"."flow",
              "t10"."year",
              "t10"."month",
              "t10"."product_level",
              "t10"."classification",
              "t10"."code",
              "t10"."value",
              "t10"."confidential_value",
              "t10"."quantity_kg",
              "t10"."rows",
              "t10"."currency",
              "t10"."flags",
              "t10"."vintage",
              "t10"."side",
              "t10"."level_rank",
              NOT (
                BOOL_OR(CAST("t10"."month" IS NULL AS BOOLEAN)) OVER (
                  PARTITION BY "t10"."source", "t10"."side", "t10"."flow", "t10"."year", "t10"."classification", "t10"."reporter", "t10"."partner"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                )
              ) AS "_monthly_only",
              MIN("t10"."level_rank") OVER (
                PARTITION BY "t10"."source", "t10"."side", "t10"."flow", "t10"."year", "t10"."classification", "t10"."reporter", "t10"."partner"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "_top_level"
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
                CASE
                  WHEN "t9"."reporter" IN ('bilateral_stand_in_0000')
                  AND "t9"."partner" IN ('bilateral_stand_in_0001')
                  THEN 'first'
                  WHEN "t9"."reporter" IN ('bilateral_stand_in_0001')
                  AND "t9"."partner" IN ('bilateral_stand_in_0000')
                  THEN 'second'
                  ELSE NULL
                END AS "side",
                CASE "t9"."product_level"
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
                END AS "level_rank"
              FROM (
                SELECT
                  "t8".*
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
                      "t6"."source",
                      "t6"."reporter",
                      "t6"."partner",
                      "t6"."flow",
                      "t6"."year",
                      "t6"."month",
                      "t6"."product_level",
                      "t6"."classification",
                      "t6"."code",
                      "t6"."value",
                      "t6"."confidential_value",
                      "t6"."quantity_kg",
                      "t6"."rows",
                      "t6"."currency",
                      "t6"."flags",
                      "t6"."vintage",
                      UNNEST(
                        CASE
                          WHEN "t6"."source" IN ('baci')
                          AND (
                            "t6"."flow" = 'export'
                          )
                          AND CONTAINS(COALESCE("t6"."flags", ''), 'reconciled')
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
                    ) AS "t6"
                  ) AS "t7"
                ) AS "t8"
              ) AS "t9"
              WHERE
                CASE
                  WHEN "t9"."reporter" IN ('bilateral_stand_in_0000')
                  AND "t9"."partner" IN ('bilateral_stand_in_0001')
                  THEN 'first'
                  WHEN "t9"."reporter" IN ('bilateral_stand_in_0001')
                  AND "t9"."partner" IN ('bilateral_stand_in_0000')
                  THEN 'second'
                  ELSE NULL
                END IS NOT NULL
            ) AS "t10"
          ) AS "t11"
          WHERE
            (
              (
                "t11"."month" IS NULL
              ) OR "t11"."_monthly_only"
            )
            AND "t11"."level_rank" = "t11"."_top_level"
        ) AS "t12"
      ) AS "t14"
      LEFT OUTER JOIN (
        SELECT
          "t0"."currency" AS "rate_currency",
          "t0"."year" AS "rate_year",
          "t0"."month" AS "rate_month",
          "t0"."per_eur" AS "own_rate"
        FROM "rates" AS "t0"
      ) AS "t4"
        ON "t14"."currency" = "t4"."rate_currency"
        AND "t14"."year" = "t4"."rate_year"
        AND "t14"."month" IS NOT DISTINCT FROM "t4"."rate_month"
      LEFT OUTER JOIN (
        SELECT
          "t0"."currency" AS "target_currency",
          "t0"."year" AS "target_year",
          "t0"."month" AS "target_month",
          "t0"."per_eur" AS "target_rate"
        FROM "rates" AS "t0"
        WHERE
          "t0"."currency" = 'USD'
      ) AS "t5"
        ON "t14"."year" = "t5"."target_year"
        AND "t14"."month" IS NOT DISTINCT FROM "t5"."target_month"
    ) AS "t15"
  ) AS "t16"
) AS "t17"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
