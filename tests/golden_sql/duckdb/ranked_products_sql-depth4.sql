-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 4, 'export', 20, dialect='duckdb')
WITH "t6" AS (
  SELECT
    "t5"."source",
    "t5"."reporter",
    "t5"."partner",
    "t5"."flow",
    "t5"."year",
    "t5"."month",
    "t5"."product_level",
    "t5"."code",
    "t5"."product_scheme",
    "t5"."value",
    "t5"."confidential_value",
    "t5"."currency",
    "t5"."flags",
    "t5"."vintage",
    "t5"."side",
    CASE "t5"."product_level"
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
    "t5"."month" IS NULL AS "_annual"
  FROM (
    SELECT
      "t4"."source",
      "t4"."reporter",
      "t4"."partner",
      "t4"."flow",
      "t4"."year",
      "t4"."month",
      "t4"."product_level",
      "t4"."code",
      "t4"."product_scheme",
      "t4"."value",
      "t4"."confidential_value",
      "t4"."currency",
      "t4"."flags",
      "t4"."vintage",
      CASE
        WHEN "t4"."reporter" IN ('bilateral_stand_in_0000')
        AND "t4"."partner" IN ('bilateral_stand_in_0001')
        THEN 'first'
        WHEN "t4"."reporter" IN ('bilateral_stand_in_0001')
        AND "t4"."partner" IN ('bilateral_stand_in_0000')
        THEN 'second'
        ELSE NULL
      END AS "side"
    FROM (
      SELECT
        "t3".*
        EXCLUDE ("_copy")
      FROM (
        SELECT
          "t2"."source",
          CASE WHEN "t2"."_copy" THEN "t2"."partner" ELSE "t2"."reporter" END AS "reporter",
          CASE WHEN "t2"."_copy" THEN "t2"."reporter" ELSE "t2"."partner" END AS "partner",
          CAST(CASE
            WHEN "t2"."_copy"
            THEN REPLACE("t2"."flow", 'export', 'import')
            ELSE "t2"."flow"
          END AS TEXT) AS "flow",
          "t2"."year",
          "t2"."month",
          "t2"."product_level",
          "t2"."code",
          "t2"."product_scheme",
          "t2"."value",
          "t2"."confidential_value",
          "t2"."currency",
          "t2"."flags",
          "t2"."vintage",
          "t2"."_copy"
        FROM (
          SELECT
            "t1"."source",
            "t1"."reporter",
            "t1"."partner",
            "t1"."flow",
            "t1"."year",
            "t1"."month",
            "t1"."product_level",
            "t1"."code",
            "t1"."product_scheme",
            "t1"."value",
            "t1"."confidential_value",
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
              "t0"."source",
              "t0"."reporter",
              "t0"."partner",
              "t0"."flow",
              "t0"."year",
              "t0"."month",
              CASE
                WHEN "t0"."product_scheme" = 'TOTAL'
                THEN 'TOTAL'
                WHEN STARTS_WITH("t0"."product_scheme", 'CN')
                THEN 'CN8'
                WHEN REGEXP_MATCHES("t0"."product_scheme", '^HS[0-9]{4}$')
                THEN 'HS6'
                ELSE "t0"."product_scheme"
              END AS "product_level",
              CASE
                WHEN CONTAINS(
                  SUBSTRING(
                    "t0"."product",
                    CASE WHEN (
                      0 + 1
                    ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t0"."product") END,
                    4
                  ),
                  'X'
                )
                THEN "t0"."product"
                ELSE SUBSTRING(
                  "t0"."product",
                  CASE WHEN (
                    0 + 1
                  ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t0"."product") END,
                  4
                )
              END AS "code",
              "t0"."product_scheme",
              "t0"."value",
              CASE
                WHEN CONTAINS(COALESCE("t0"."flags", ''), 'confidential')
                THEN "t0"."value"
                ELSE 0.0
              END AS "confidential_value",
              "t0"."currency",
              "t0"."flags",
              "t0"."vintage"
            FROM "flows" AS "t0"
            WHERE
              CASE
                WHEN "t0"."product_scheme" = 'TOTAL'
                THEN 'TOTAL'
                WHEN STARTS_WITH("t0"."product_scheme", 'CN')
                THEN 'CN8'
                WHEN REGEXP_MATCHES("t0"."product_scheme", '^HS[0-9]{4}$')
                THEN 'HS6'
                ELSE "t0"."product_scheme"
              END IN ('CN8', 'HS6', 'HS4')
              AND "t0"."year" IN (2023, 2024)
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
          ) AS "t1"
        ) AS "t2"
      ) AS "t3"
    ) AS "t4"
  ) AS "t5"
  WHERE
    "t5"."side" IS NOT NULL
    AND CASE WHEN "t5"."side" = 'first' THEN 'export' ELSE 'import' END = "t5"."flow"
), "t13" AS (
  SELECT
    "t12"."source",
    "t12"."side",
    "t12"."code",
    "t12"."year",
    "t12"."reporter",
    "t12"."month",
    "t12"."value",
    "t12"."confidential_value",
    CAST(FALSE AS BIGINT) AS "unconverted",
    "t12"."product_scheme",
    "t12"."currency",
    "t12"."vintage",
    CONTAINS(COALESCE("t12"."flags", ''), 'synthetic') AS "synthetic",
    CONTAINS(COALESCE("t12"."flags", ''), 'file_dated') AS "file_dated"
  FROM (
    SELECT
      "t11".*
      EXCLUDE ("_annual")
    FROM (
      SELECT
        "t8"."source",
        "t8"."reporter",
        "t8"."partner",
        "t8"."flow",
        "t8"."year",
        "t8"."month",
        "t8"."product_level",
        "t8"."code",
        "t8"."product_scheme",
        "t8"."value",
        "t8"."confidential_value",
        "t8"."currency",
        "t8"."flags",
        "t8"."vintage",
        "t8"."side",
        "t8"."level_rank",
        "t8"."_annual"
      FROM "t6" AS "t8"
      SEMI JOIN (
        SELECT
          "t7"."source",
          "t7"."side",
          "t7"."flow",
          "t7"."year",
          "t7"."reporter",
          "t7"."partner",
          MIN("t7"."level_rank") AS "level_rank",
          BOOL_OR(CAST("t7"."_annual" AS BOOLEAN)) AS "_annual"
        FROM "t6" AS "t7"
        GROUP BY
          1,
          2,
          3,
          4,
          5,
          6
      ) AS "t10"
        ON "t8"."source" IS NOT DISTINCT FROM "t10"."source"
        AND "t8"."side" IS NOT DISTINCT FROM "t10"."side"
        AND "t8"."flow" IS NOT DISTINCT FROM "t10"."flow"
        AND "t8"."year" IS NOT DISTINCT FROM "t10"."year"
        AND "t8"."reporter" IS NOT DISTINCT FROM "t10"."reporter"
        AND "t8"."partner" IS NOT DISTINCT FROM "t10"."partner"
        AND "t8"."level_rank" = "t10"."level_rank"
        AND "t8"."_annual" = "t10"."_annual"
    ) AS "t11"
  ) AS "t12"
), "t17" AS (
  SELECT
    "t16"."source",
    "t16"."side",
    "t16"."code",
    "t16"."now",
    "t16"."before",
    "t16"."scheme",
    "t16"."currency",
    "t16"."vintage",
    "t16"."file_dated",
    "t16"."confidential",
    "t16"."reporters",
    "t16"."now" IS NOT NULL AS "traded",
    CONTAINS("t16"."code", 'X') AS "hidden",
    ROW_NUMBER() OVER (
      PARTITION BY "t16"."source", "t16"."side"
      ORDER BY NOT (
        "t16"."now" IS NOT NULL
      ) OR CONTAINS("t16"."code", 'X') ASC, "t16"."now" DESC, "t16"."code" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) - 1 AS "order"
  FROM (
    SELECT
      "t14"."source",
      "t14"."side",
      "t14"."code",
      SUM("t14"."value") FILTER(WHERE
        "t14"."year" = 2024) AS "now",
      SUM("t14"."value") FILTER(WHERE
        "t14"."year" = 2023) AS "before",
      MAX("t14"."product_scheme") FILTER(WHERE
        "t14"."year" = 2024) AS "scheme",
      MIN("t14"."currency") FILTER(WHERE
        "t14"."year" = 2024) AS "currency",
      MAX("t14"."vintage") FILTER(WHERE
        "t14"."year" = 2024) AS "vintage",
      BOOL_OR(CAST("t14"."file_dated" AS BOOLEAN)) FILTER(WHERE
        "t14"."year" = 2024) AS "file_dated",
      SUM("t14"."confidential_value") FILTER(WHERE
        "t14"."year" = 2024) AS "confidential",
      1 AS "reporters"
    FROM "t13" AS "t14"
    GROUP BY
      1,
      2,
      3
  ) AS "t16"
)
SELECT
  "t25"."kind",
  "t25"."source",
  "t25"."side",
  "t25"."year",
  "t25"."key",
  "t25"."rank",
  "t25"."value",
  CASE WHEN "t25"."kind" = 'line' THEN "t25"."codes" ELSE CAST(NULL AS BIGINT) END AS "codes",
  "t25"."scheme",
  "t25"."member",
  "t25"."month",
  "t25"."currency",
  "t25"."vintage",
  "t25"."file_dated",
  "t25"."synthetic",
  "t25"."confidential",
  "t25"."unconverted",
  "t25"."reporters",
  CAST(NULL AS DOUBLE) AS "total",
  "t25"."before",
  CASE
    WHEN "t25"."kind" = 'line'
    THEN "t25"."codes_before"
    ELSE CAST(NULL AS BIGINT)
  END AS "codes_before"
FROM (
  SELECT
    "t24"."kind",
    "t24"."source",
    "t24"."side",
    "t24"."year",
    "t24"."key",
    "t24"."member",
    "t24"."month",
    "t24"."currency",
    "t24"."vintage",
    "t24"."file_dated",
    SUM("t24"."value") AS "value",
    SUM("t24"."before") AS "before",
    COUNT("t24"."code") AS "codes",
    COUNT("t24"."before") AS "codes_before",
    MIN("t24"."rank") AS "rank",
    MAX("t24"."scheme") AS "scheme",
    SUM("t24"."confidential") AS "confidential",
    MAX("t24"."reporters") AS "reporters",
    BOOL_OR(CAST("t24"."synthetic" AS BOOLEAN)) AS "synthetic",
    SUM("t24"."unconverted") AS "unconverted"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        'line' AS "kind",
        "t18"."source",
        "t18"."side",
        CAST(2024 AS BIGINT) AS "year",
        CASE
          WHEN "t18"."traded"
          THEN CASE
            WHEN "t18"."hidden" OR (
              "t18"."order" < 20
            )
            THEN "t18"."code"
            ELSE 'other'
          END
          ELSE CAST(NULL AS TEXT)
        END AS "key",
        CAST(NULL AS TEXT) AS "member",
        CAST(NULL AS BIGINT) AS "month",
        "t18"."now" AS "value",
        "t18"."scheme",
        CAST(NULL AS BOOLEAN) AS "synthetic",
        CAST(NULL AS BIGINT) AS "unconverted",
        "t18"."before",
        "t18"."code",
        CASE
          WHEN "t18"."traded"
          AND NOT (
            "t18"."hidden"
          )
          AND (
            CASE
              WHEN "t18"."hidden" OR (
                "t18"."order" < 20
              )
              THEN "t18"."code"
              ELSE 'other'
            END <> 'other'
          )
          THEN "t18"."order" + 1
          ELSE CAST(NULL AS BIGINT)
        END AS "rank",
        "t18"."confidential",
        CAST("t18"."reporters" AS BIGINT) AS "reporters",
        "t18"."currency",
        "t18"."vintage",
        "t18"."file_dated"
      FROM "t17" AS "t18"
      WHERE
        "t18"."traded"
    ) AS "t21"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        'held' AS "kind",
        "t22"."source",
        "t22"."side",
        CAST("t22"."year" AS BIGINT) AS "year",
        "t22"."key",
        "t22"."reporter" AS "member",
        CAST("t22"."month" AS BIGINT) AS "month",
        "t22"."value",
        CAST(NULL AS TEXT) AS "scheme",
        "t22"."synthetic",
        "t22"."unconverted",
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
          "t15"."source",
          "t15"."side",
          "t15"."code",
          "t15"."year",
          "t15"."reporter",
          "t15"."month",
          "t15"."value",
          "t15"."confidential_value",
          "t15"."unconverted",
          "t15"."product_scheme",
          "t15"."currency",
          "t15"."vintage",
          "t15"."synthetic",
          "t15"."file_dated",
          "t20"."source" AS "source_right",
          "t20"."side" AS "side_right",
          "t20"."code" AS "code_right",
          "t20"."key"
        FROM "t13" AS "t15"
        INNER JOIN (
          SELECT
            "t18"."source",
            "t18"."side",
            "t18"."code",
            CASE
              WHEN "t18"."traded"
              THEN CASE
                WHEN "t18"."hidden" OR (
                  "t18"."order" < 20
                )
                THEN "t18"."code"
                ELSE 'other'
              END
              ELSE CAST(NULL AS TEXT)
            END AS "key"
          FROM "t17" AS "t18"
        ) AS "t20"
          ON "t15"."source" IS NOT DISTINCT FROM "t20"."source"
          AND "t15"."side" IS NOT DISTINCT FROM "t20"."side"
          AND "t15"."code" IS NOT DISTINCT FROM "t20"."code"
      ) AS "t22"
    ) AS "t23"
  ) AS "t24"
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
) AS "t25"
