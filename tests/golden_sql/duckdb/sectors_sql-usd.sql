-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'hs2', currency='USD', dialect='duckdb')
WITH "t10" AS (
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
    END AS "level_rank",
    "t9"."month" IS NULL AS "_annual"
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
)
SELECT
  "t20"."source",
  "t20"."side",
  "t20"."flow",
  "t20"."year",
  "t20"."code",
  "t20"."month",
  SUM(CAST("t20"."unconverted" AS INT)) AS "unconverted",
  ARRAY_AGG("t20"."reporter") FILTER(WHERE
    "t20"."reporter" IS NOT NULL) AS "members",
  SUM("t20"."value") AS "value",
  MIN("t20"."currency") AS "currency",
  MAX("t20"."vintage") AS "vintage",
  BOOL_OR(CAST(CONTAINS(COALESCE("t20"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
  BOOL_OR(CAST(CONTAINS(COALESCE("t20"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated"
FROM (
  SELECT
    "t19".*
    EXCLUDE ("own_rate", "rate_currency", "rate_month", "rate_year", "target_currency", "target_month", "target_rate", "target_year")
  FROM (
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
      (
        "t18"."value" * "t18"."target_rate"
      ) / "t18"."own_rate" AS "value",
      (
        "t18"."confidential_value" * "t18"."target_rate"
      ) / "t18"."own_rate" AS "confidential_value",
      "t18"."quantity_kg",
      "t18"."rows",
      'USD' AS "currency",
      "t18"."flags",
      "t18"."vintage",
      "t18"."side",
      "t18"."level_rank",
      "t18"."rate_currency",
      "t18"."rate_year",
      "t18"."rate_month",
      "t18"."own_rate",
      "t18"."target_currency",
      "t18"."target_year",
      "t18"."target_month",
      "t18"."target_rate",
      (
        "t18"."own_rate" IS NULL
      ) OR (
        "t18"."target_rate" IS NULL
      ) AS "unconverted"
    FROM (
      SELECT
        "t17"."source",
        "t17"."reporter",
        "t17"."partner",
        "t17"."flow",
        "t17"."year",
        "t17"."month",
        "t17"."product_level",
        "t17"."classification",
        "t17"."code",
        "t17"."value",
        "t17"."confidential_value",
        "t17"."quantity_kg",
        "t17"."rows",
        "t17"."currency",
        "t17"."flags",
        "t17"."vintage",
        "t17"."side",
        "t17"."level_rank",
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
          "t15".*
          EXCLUDE ("_annual")
        FROM (
          SELECT
            "t12"."source",
            "t12"."reporter",
            "t12"."partner",
            "t12"."flow",
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
            "t12"."side",
            "t12"."level_rank",
            "t12"."_annual"
          FROM "t10" AS "t12"
          SEMI JOIN (
            SELECT
              "t11"."source",
              "t11"."side",
              "t11"."flow",
              "t11"."year",
              "t11"."classification",
              "t11"."reporter",
              "t11"."partner",
              MIN("t11"."level_rank") AS "level_rank",
              BOOL_OR(CAST("t11"."_annual" AS BOOLEAN)) AS "_annual"
            FROM "t10" AS "t11"
            GROUP BY
              1,
              2,
              3,
              4,
              5,
              6,
              7
          ) AS "t14"
            ON "t12"."source" IS NOT DISTINCT FROM "t14"."source"
            AND "t12"."side" IS NOT DISTINCT FROM "t14"."side"
            AND "t12"."flow" IS NOT DISTINCT FROM "t14"."flow"
            AND "t12"."year" IS NOT DISTINCT FROM "t14"."year"
            AND "t12"."classification" IS NOT DISTINCT FROM "t14"."classification"
            AND "t12"."reporter" IS NOT DISTINCT FROM "t14"."reporter"
            AND "t12"."partner" IS NOT DISTINCT FROM "t14"."partner"
            AND "t12"."level_rank" = "t14"."level_rank"
            AND "t12"."_annual" = "t14"."_annual"
        ) AS "t15"
      ) AS "t17"
      LEFT OUTER JOIN (
        SELECT
          "t0"."currency" AS "rate_currency",
          "t0"."year" AS "rate_year",
          "t0"."month" AS "rate_month",
          "t0"."per_eur" AS "own_rate"
        FROM "rates" AS "t0"
      ) AS "t4"
        ON "t17"."currency" = "t4"."rate_currency"
        AND "t17"."year" = "t4"."rate_year"
        AND "t17"."month" IS NOT DISTINCT FROM "t4"."rate_month"
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
        ON "t17"."year" = "t5"."target_year"
        AND "t17"."month" IS NOT DISTINCT FROM "t5"."target_month"
    ) AS "t18"
  ) AS "t19"
) AS "t20"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
