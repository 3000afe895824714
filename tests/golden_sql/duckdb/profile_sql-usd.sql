-- bilateral.query.profile.profile_sql(country(0000), country(0001), (2023, 2024), from_flows=False, currency='USD', dialect='duckdb')
WITH "t11" AS (
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
    "t10"."side",
    CASE "t10"."product_level"
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
    "t10"."month" IS NULL AS "_annual"
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
      CASE
        WHEN "t9"."reporter" IN ('bilateral_stand_in_0000')
        AND "t9"."partner" IN ('bilateral_stand_in_0001')
        THEN 'first'
        WHEN "t9"."reporter" IN ('bilateral_stand_in_0001')
        AND "t9"."partner" IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS "side"
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
            FROM "rollup_totals" AS "t1"
            WHERE
              "t1"."year" IN (2022, 2023, 2024)
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
  ) AS "t10"
  WHERE
    "t10"."side" IS NOT NULL
)
SELECT
  "t21"."source",
  "t21"."side",
  "t21"."flow",
  "t21"."year",
  "t21"."month",
  "t21"."reporter",
  SUM("t21"."unconverted") AS "unconverted",
  SUM("t21"."value") AS "value",
  SUM("t21"."confidential_value") AS "confidential_value",
  LIST_MIN(ARRAY_AGG("t21"."currency") FILTER(WHERE
    "t21"."currency" IS NOT NULL)) AS "currency",
  LIST_MAX(ARRAY_AGG("t21"."vintage") FILTER(WHERE
    "t21"."vintage" IS NOT NULL)) AS "vintage",
  MIN("t21"."months") AS "months",
  BOOL_OR(CAST("t21"."annual" AS BOOLEAN)) AS "annual",
  BOOL_OR(CAST("t21"."synthetic" AS BOOLEAN)) AS "synthetic",
  BOOL_OR(CAST("t21"."reconciled" AS BOOLEAN)) AS "reconciled",
  BOOL_OR(CAST("t21"."file_dated" AS BOOLEAN)) AS "file_dated",
  MIN("t21"."product_level") AS "product_level"
FROM (
  SELECT
    "t20"."source",
    "t20"."side",
    "t20"."flow",
    "t20"."year",
    "t20"."month",
    "t20"."reporter",
    SUM(CAST("t20"."unconverted" AS INT)) AS "unconverted",
    SUM("t20"."value") AS "value",
    SUM("t20"."confidential_value") AS "confidential_value",
    LIST_MIN(ARRAY_AGG("t20"."currency") FILTER(WHERE
      "t20"."currency" IS NOT NULL)) AS "currency",
    LIST_MAX(ARRAY_AGG("t20"."vintage") FILTER(WHERE
      "t20"."vintage" IS NOT NULL)) AS "vintage",
    COALESCE(
      ARRAY_LENGTH(
        CASE
          WHEN ARRAY_AGG("t20"."month") FILTER(WHERE
            "t20"."month" IS NOT NULL) IS NULL
          THEN NULL
          ELSE LIST_DISTINCT(ARRAY_AGG("t20"."month") FILTER(WHERE
            "t20"."month" IS NOT NULL)) + CASE
            WHEN LIST_BOOL_OR(
              LIST_APPLY(
                ARRAY_AGG("t20"."month") FILTER(WHERE
                  "t20"."month" IS NOT NULL),
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
    BOOL_OR(CAST("t20"."month" IS NULL AS BOOLEAN)) AS "annual",
    BOOL_OR(CAST(CONTAINS(COALESCE("t20"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
    BOOL_OR(CAST(CONTAINS(COALESCE("t20"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
    BOOL_OR(CAST(CONTAINS(COALESCE("t20"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated",
    MIN("t20"."product_level") AS "product_level"
  FROM (
    SELECT
      "t19"."source",
      "t19"."reporter",
      "t19"."partner",
      "t19"."flow",
      "t19"."year",
      "t19"."month",
      "t19"."product_level",
      (
        "t19"."value" * "t19"."target_rate"
      ) / "t19"."own_rate" AS "value",
      (
        "t19"."confidential_value" * "t19"."target_rate"
      ) / "t19"."own_rate" AS "confidential_value",
      "t19"."quantity_kg",
      "t19"."rows",
      'USD' AS "currency",
      "t19"."flags",
      "t19"."vintage",
      "t19"."side",
      "t19"."level_rank",
      (
        "t19"."own_rate" IS NULL
      ) OR (
        "t19"."target_rate" IS NULL
      ) AS "unconverted"
    FROM (
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
        "t18"."level_rank",
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
          "t16".*
          EXCLUDE ("_annual")
        FROM (
          SELECT
            "t13"."source",
            "t13"."reporter",
            "t13"."partner",
            "t13"."flow",
            "t13"."year",
            "t13"."month",
            "t13"."product_level",
            "t13"."value",
            "t13"."confidential_value",
            "t13"."quantity_kg",
            "t13"."rows",
            "t13"."currency",
            "t13"."flags",
            "t13"."vintage",
            "t13"."side",
            "t13"."level_rank",
            "t13"."_annual"
          FROM "t11" AS "t13"
          SEMI JOIN (
            SELECT
              "t12"."source",
              "t12"."side",
              "t12"."flow",
              "t12"."year",
              "t12"."reporter",
              "t12"."partner",
              MIN("t12"."level_rank") AS "level_rank",
              BOOL_OR(CAST("t12"."_annual" AS BOOLEAN)) AS "_annual"
            FROM "t11" AS "t12"
            GROUP BY
              1,
              2,
              3,
              4,
              5,
              6
          ) AS "t15"
            ON "t13"."source" IS NOT DISTINCT FROM "t15"."source"
            AND "t13"."side" IS NOT DISTINCT FROM "t15"."side"
            AND "t13"."flow" IS NOT DISTINCT FROM "t15"."flow"
            AND "t13"."year" IS NOT DISTINCT FROM "t15"."year"
            AND "t13"."reporter" IS NOT DISTINCT FROM "t15"."reporter"
            AND "t13"."partner" IS NOT DISTINCT FROM "t15"."partner"
            AND "t13"."level_rank" = "t15"."level_rank"
            AND "t13"."_annual" = "t15"."_annual"
        ) AS "t16"
      ) AS "t18"
      LEFT OUTER JOIN (
        SELECT
          "t0"."currency" AS "rate_currency",
          "t0"."year" AS "rate_year",
          "t0"."month" AS "rate_month",
          "t0"."per_eur" AS "own_rate"
        FROM "rates" AS "t0"
      ) AS "t4"
        ON "t18"."currency" = "t4"."rate_currency"
        AND "t18"."year" = "t4"."rate_year"
        AND "t18"."month" IS NOT DISTINCT FROM "t4"."rate_month"
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
        ON "t18"."year" = "t5"."target_year"
        AND "t18"."month" IS NOT DISTINCT FROM "t5"."target_month"
    ) AS "t19"
  ) AS "t20"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t21"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
