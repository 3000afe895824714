-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'export', 20, currency='USD', dialect='duckdb')
WITH "t11" AS (
  SELECT
    "t10"."source",
    "t10"."reporter",
    "t10"."partner",
    "t10"."flow",
    "t10"."year",
    "t10"."month",
    "t10"."product_level",
    "t10"."code",
    "t10"."product_scheme",
    "t10"."value",
    "t10"."confidential_value",
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
      "t9"."code",
      "t9"."product_scheme",
      "t9"."value",
      "t9"."confidential_value",
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
          CAST(CASE
            WHEN "t7"."_copy"
            THEN REPLACE("t7"."flow", 'export', 'import')
            ELSE "t7"."flow"
          END AS TEXT) AS "flow",
          "t7"."year",
          "t7"."month",
          "t7"."product_level",
          "t7"."code",
          "t7"."product_scheme",
          "t7"."value",
          "t7"."confidential_value",
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
            "t6"."code",
            "t6"."product_scheme",
            "t6"."value",
            "t6"."confidential_value",
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
              "t1"."source",
              "t1"."reporter",
              "t1"."partner",
              "t1"."flow",
              "t1"."year",
              "t1"."month",
              CASE
                WHEN "t1"."product_scheme" = 'TOTAL'
                THEN 'TOTAL'
                WHEN STARTS_WITH("t1"."product_scheme", 'CN')
                THEN 'CN8'
                WHEN REGEXP_MATCHES("t1"."product_scheme", '^HS[0-9]{4}$')
                THEN 'HS6'
                ELSE "t1"."product_scheme"
              END AS "product_level",
              CASE
                WHEN CONTAINS(
                  SUBSTRING(
                    "t1"."product",
                    CASE WHEN (
                      0 + 1
                    ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t1"."product") END,
                    6
                  ),
                  'X'
                )
                THEN "t1"."product"
                ELSE SUBSTRING(
                  "t1"."product",
                  CASE WHEN (
                    0 + 1
                  ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t1"."product") END,
                  6
                )
              END AS "code",
              "t1"."product_scheme",
              "t1"."value",
              CASE
                WHEN CONTAINS(COALESCE("t1"."flags", ''), 'confidential')
                THEN "t1"."value"
                ELSE 0.0
              END AS "confidential_value",
              "t1"."currency",
              "t1"."flags",
              "t1"."vintage"
            FROM "flows" AS "t1"
            WHERE
              CASE
                WHEN "t1"."product_scheme" = 'TOTAL'
                THEN 'TOTAL'
                WHEN STARTS_WITH("t1"."product_scheme", 'CN')
                THEN 'CN8'
                WHEN REGEXP_MATCHES("t1"."product_scheme", '^HS[0-9]{4}$')
                THEN 'HS6'
                ELSE "t1"."product_scheme"
              END IN ('CN8', 'HS6')
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
  ) AS "t10"
  WHERE
    "t10"."side" IS NOT NULL
    AND CASE WHEN "t10"."side" = 'first' THEN 'export' ELSE 'import' END = "t10"."flow"
), "t20" AS (
  SELECT
    "t19"."source",
    "t19"."side",
    "t19"."code",
    "t19"."year",
    "t19"."reporter",
    "t19"."month",
    (
      "t19"."value" * "t19"."target_rate"
    ) / "t19"."own_rate" AS "value",
    (
      "t19"."confidential_value" * "t19"."target_rate"
    ) / "t19"."own_rate" AS "confidential_value",
    CAST((
      "t19"."own_rate" IS NULL
    ) OR (
      "t19"."target_rate" IS NULL
    ) AS BIGINT) AS "unconverted",
    "t19"."product_scheme",
    'USD' AS "currency",
    "t19"."vintage",
    CONTAINS(COALESCE("t19"."flags", ''), 'synthetic') AS "synthetic",
    CONTAINS(COALESCE("t19"."flags", ''), 'file_dated') AS "file_dated"
  FROM (
    SELECT
      "t18"."source",
      "t18"."reporter",
      "t18"."partner",
      "t18"."flow",
      "t18"."year",
      "t18"."month",
      "t18"."product_level",
      "t18"."code",
      "t18"."product_scheme",
      "t18"."value",
      "t18"."confidential_value",
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
          "t13"."code",
          "t13"."product_scheme",
          "t13"."value",
          "t13"."confidential_value",
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
), "t24" AS (
  SELECT
    "t23"."source",
    "t23"."side",
    "t23"."code",
    "t23"."now",
    "t23"."before",
    "t23"."scheme",
    "t23"."currency",
    "t23"."vintage",
    "t23"."file_dated",
    "t23"."confidential",
    "t23"."reporters",
    "t23"."now" IS NOT NULL AS "traded",
    CONTAINS("t23"."code", 'X') AS "hidden",
    ROW_NUMBER() OVER (
      PARTITION BY "t23"."source", "t23"."side"
      ORDER BY NOT (
        "t23"."now" IS NOT NULL
      ) OR CONTAINS("t23"."code", 'X') ASC, "t23"."now" DESC, "t23"."code" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) - 1 AS "order"
  FROM (
    SELECT
      "t21"."source",
      "t21"."side",
      "t21"."code",
      SUM("t21"."value") FILTER(WHERE
        "t21"."year" = 2024) AS "now",
      SUM("t21"."value") FILTER(WHERE
        "t21"."year" = 2023) AS "before",
      MAX("t21"."product_scheme") FILTER(WHERE
        "t21"."year" = 2024) AS "scheme",
      MIN("t21"."currency") FILTER(WHERE
        "t21"."year" = 2024) AS "currency",
      MAX("t21"."vintage") FILTER(WHERE
        "t21"."year" = 2024) AS "vintage",
      BOOL_OR(CAST("t21"."file_dated" AS BOOLEAN)) FILTER(WHERE
        "t21"."year" = 2024) AS "file_dated",
      SUM("t21"."confidential_value") FILTER(WHERE
        "t21"."year" = 2024) AS "confidential",
      1 AS "reporters"
    FROM "t20" AS "t21"
    GROUP BY
      1,
      2,
      3
  ) AS "t23"
)
SELECT
  "t32"."kind",
  "t32"."source",
  "t32"."side",
  "t32"."year",
  "t32"."key",
  "t32"."rank",
  "t32"."value",
  CASE WHEN "t32"."kind" = 'line' THEN "t32"."codes" ELSE CAST(NULL AS BIGINT) END AS "codes",
  "t32"."scheme",
  "t32"."member",
  "t32"."month",
  "t32"."currency",
  "t32"."vintage",
  "t32"."file_dated",
  "t32"."synthetic",
  "t32"."confidential",
  "t32"."unconverted",
  "t32"."reporters",
  CAST(NULL AS DOUBLE) AS "total",
  "t32"."before",
  CASE
    WHEN "t32"."kind" = 'line'
    THEN "t32"."codes_before"
    ELSE CAST(NULL AS BIGINT)
  END AS "codes_before"
FROM (
  SELECT
    "t31"."kind",
    "t31"."source",
    "t31"."side",
    "t31"."year",
    "t31"."key",
    "t31"."member",
    "t31"."month",
    "t31"."currency",
    "t31"."vintage",
    "t31"."file_dated",
    SUM("t31"."value") AS "value",
    SUM("t31"."before") AS "before",
    COUNT("t31"."code") AS "codes",
    COUNT("t31"."before") AS "codes_before",
    MIN("t31"."rank") AS "rank",
    MAX("t31"."scheme") AS "scheme",
    SUM("t31"."confidential") AS "confidential",
    MAX("t31"."reporters") AS "reporters",
    BOOL_OR(CAST("t31"."synthetic" AS BOOLEAN)) AS "synthetic",
    SUM("t31"."unconverted") AS "unconverted"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        'line' AS "kind",
        "t25"."source",
        "t25"."side",
        CAST(2024 AS BIGINT) AS "year",
        CASE
          WHEN "t25"."traded"
          THEN CASE
            WHEN "t25"."hidden" OR (
              "t25"."order" < 20
            )
            THEN "t25"."code"
            ELSE 'other'
          END
          ELSE CAST(NULL AS TEXT)
        END AS "key",
        CAST(NULL AS TEXT) AS "member",
        CAST(NULL AS BIGINT) AS "month",
        "t25"."now" AS "value",
        "t25"."scheme",
        CAST(NULL AS BOOLEAN) AS "synthetic",
        CAST(NULL AS BIGINT) AS "unconverted",
        "t25"."before",
        "t25"."code",
        CASE
          WHEN "t25"."traded"
          AND NOT (
            "t25"."hidden"
          )
          AND (
            CASE
              WHEN "t25"."hidden" OR (
                "t25"."order" < 20
              )
              THEN "t25"."code"
              ELSE 'other'
            END <> 'other'
          )
          THEN "t25"."order" + 1
          ELSE CAST(NULL AS BIGINT)
        END AS "rank",
        "t25"."confidential",
        CAST("t25"."reporters" AS BIGINT) AS "reporters",
        "t25"."currency",
        "t25"."vintage",
        "t25"."file_dated"
      FROM "t24" AS "t25"
      WHERE
        "t25"."traded"
    ) AS "t28"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        'held' AS "kind",
        "t29"."source",
        "t29"."side",
        CAST("t29"."year" AS BIGINT) AS "year",
        "t29"."key",
        "t29"."reporter" AS "member",
        CAST("t29"."month" AS BIGINT) AS "month",
        "t29"."value",
        CAST(NULL AS TEXT) AS "scheme",
        "t29"."synthetic",
        "t29"."unconverted",
        CAST(NULL AS DOUBLE) AS "before",
        CAST(NULL AS TEXT) AS "code",
        CAST(NULL AS BIGINT) AS "rank",
        CAST(NULL AS DOUBLE) AS "confidential",
        CAST(NULL AS BIGINT) AS "reporters",
        CAST(NULL AS TEXT) AS "currency",
        CAST(NULL AS TEXT) AS "vintage",
        CAST(NULL AS BOOLEAN) AS "file_dated"
      FROM (
        SELECT
          "t22"."source",
          "t22"."side",
          "t22"."code",
          "t22"."year",
          "t22"."reporter",
          "t22"."month",
          "t22"."value",
          "t22"."confidential_value",
          "t22"."unconverted",
          "t22"."product_scheme",
          "t22"."currency",
          "t22"."vintage",
          "t22"."synthetic",
          "t22"."file_dated",
          "t27"."source" AS "source_right",
          "t27"."side" AS "side_right",
          "t27"."code" AS "code_right",
          "t27"."key"
        FROM "t20" AS "t22"
        INNER JOIN (
          SELECT
            "t25"."source",
            "t25"."side",
            "t25"."code",
            CASE
              WHEN "t25"."traded"
              THEN CASE
                WHEN "t25"."hidden" OR (
                  "t25"."order" < 20
                )
                THEN "t25"."code"
                ELSE 'other'
              END
              ELSE CAST(NULL AS TEXT)
            END AS "key"
          FROM "t24" AS "t25"
        ) AS "t27"
          ON "t22"."source" IS NOT DISTINCT FROM "t27"."source"
          AND "t22"."side" IS NOT DISTINCT FROM "t27"."side"
          AND "t22"."code" IS NOT DISTINCT FROM "t27"."code"
      ) AS "t29"
    ) AS "t30"
  ) AS "t31"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10
) AS "t32"
