-- bilateral.query.products_ranked.ranked_products_sql(country(0000), group(WORLD), 2024, 6, 'export', 20, dialect='duckdb')
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
    "t5"."month" IS NULL AS "_annual",
    CASE
      WHEN "t5"."side" = 'first'
      THEN (
        CAST(NOT (
          FALSE AND (
            "t5"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t5"."partner" = 'WORLD'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          TRUE AND (
            "t5"."reporter" = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          "t5"."partner" = 'bilateral_stand_in_0000'
        )
      ) AS TINYINT)
    END AS "_members_rank"
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
        AND (
          (
            "t4"."partner" = 'WORLD'
          )
          OR NOT (
            "t4"."partner" IN (
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
            "t4"."reporter" = 'WORLD'
          )
          OR NOT (
            "t4"."reporter" IN (
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
                    6
                  ),
                  'X'
                )
                THEN "t0"."product"
                ELSE SUBSTRING(
                  "t0"."product",
                  CASE WHEN (
                    0 + 1
                  ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t0"."product") END,
                  6
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
              END IN ('CN8', 'HS6')
              AND "t0"."year" IN (2023, 2024)
              AND (
                "t0"."reporter" IN ('bilateral_stand_in_0000')
                OR "t0"."partner" IN ('bilateral_stand_in_0000')
              )
          ) AS "t1"
        ) AS "t2"
      ) AS "t3"
    ) AS "t4"
  ) AS "t5"
  WHERE
    "t5"."side" IS NOT NULL
    AND CASE WHEN "t5"."side" = 'first' THEN 'export' ELSE 'import' END = "t5"."flow"
), "t15" AS (
  SELECT
    "t14"."source",
    "t14"."side",
    "t14"."code",
    "t14"."year",
    "t14"."reporter",
    "t14"."month",
    "t14"."value",
    "t14"."confidential_value",
    CAST(FALSE AS BIGINT) AS "unconverted",
    "t14"."product_scheme",
    "t14"."currency",
    "t14"."vintage",
    CONTAINS(COALESCE("t14"."flags", ''), 'synthetic') AS "synthetic",
    CONTAINS(COALESCE("t14"."flags", ''), 'file_dated') AS "file_dated"
  FROM (
    SELECT
      "t13".*
      EXCLUDE ("_annual", "_members_rank")
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
        "t8"."_annual",
        "t8"."_members_rank"
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
      ) AS "t11"
        ON "t8"."source" IS NOT DISTINCT FROM "t11"."source"
        AND "t8"."side" IS NOT DISTINCT FROM "t11"."side"
        AND "t8"."flow" IS NOT DISTINCT FROM "t11"."flow"
        AND "t8"."year" IS NOT DISTINCT FROM "t11"."year"
        AND "t8"."reporter" IS NOT DISTINCT FROM "t11"."reporter"
        AND "t8"."partner" IS NOT DISTINCT FROM "t11"."partner"
        AND "t8"."level_rank" = "t11"."level_rank"
        AND "t8"."_annual" = "t11"."_annual"
      SEMI JOIN (
        SELECT
          "t7"."source",
          "t7"."side",
          "t7"."flow",
          "t7"."year",
          MIN("t7"."_members_rank") AS "_members_rank"
        FROM "t6" AS "t7"
        GROUP BY
          1,
          2,
          3,
          4
      ) AS "t12"
        ON "t8"."source" IS NOT DISTINCT FROM "t12"."source"
        AND "t8"."side" IS NOT DISTINCT FROM "t12"."side"
        AND "t8"."flow" IS NOT DISTINCT FROM "t12"."flow"
        AND "t8"."year" IS NOT DISTINCT FROM "t12"."year"
        AND "t8"."_members_rank" = "t12"."_members_rank"
    ) AS "t13"
  ) AS "t14"
), "t19" AS (
  SELECT
    "t18"."source",
    "t18"."side",
    "t18"."code",
    "t18"."now",
    "t18"."before",
    "t18"."scheme",
    "t18"."currency",
    "t18"."vintage",
    "t18"."file_dated",
    "t18"."confidential",
    "t18"."reporters",
    "t18"."now" IS NOT NULL AS "traded",
    CONTAINS("t18"."code", 'X') AS "hidden",
    ROW_NUMBER() OVER (
      PARTITION BY "t18"."source", "t18"."side"
      ORDER BY NOT (
        "t18"."now" IS NOT NULL
      ) OR CONTAINS("t18"."code", 'X') ASC, "t18"."now" DESC, "t18"."code" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) - 1 AS "order"
  FROM (
    SELECT
      "t16"."source",
      "t16"."side",
      "t16"."code",
      SUM("t16"."value") FILTER(WHERE
        "t16"."year" = 2024) AS "now",
      SUM("t16"."value") FILTER(WHERE
        "t16"."year" = 2023) AS "before",
      MAX("t16"."product_scheme") FILTER(WHERE
        "t16"."year" = 2024) AS "scheme",
      MIN("t16"."currency") FILTER(WHERE
        "t16"."year" = 2024) AS "currency",
      MAX("t16"."vintage") FILTER(WHERE
        "t16"."year" = 2024) AS "vintage",
      BOOL_OR(CAST("t16"."file_dated" AS BOOLEAN)) FILTER(WHERE
        "t16"."year" = 2024) AS "file_dated",
      SUM("t16"."confidential_value") FILTER(WHERE
        "t16"."year" = 2024) AS "confidential",
      COUNT(DISTINCT "t16"."reporter") FILTER(WHERE
        "t16"."year" = 2024) AS "reporters"
    FROM "t15" AS "t16"
    GROUP BY
      1,
      2,
      3
  ) AS "t18"
)
SELECT
  "t27"."kind",
  "t27"."source",
  "t27"."side",
  "t27"."year",
  "t27"."key",
  "t27"."rank",
  "t27"."value",
  CASE WHEN "t27"."kind" = 'line' THEN "t27"."codes" ELSE CAST(NULL AS BIGINT) END AS "codes",
  "t27"."scheme",
  "t27"."member",
  "t27"."month",
  "t27"."currency",
  "t27"."vintage",
  "t27"."file_dated",
  "t27"."synthetic",
  "t27"."confidential",
  "t27"."unconverted",
  "t27"."reporters",
  CAST(NULL AS DOUBLE) AS "total",
  "t27"."before",
  CASE
    WHEN "t27"."kind" = 'line'
    THEN "t27"."codes_before"
    ELSE CAST(NULL AS BIGINT)
  END AS "codes_before"
FROM (
  SELECT
    "t26"."kind",
    "t26"."source",
    "t26"."side",
    "t26"."year",
    "t26"."key",
    "t26"."member",
    "t26"."month",
    "t26"."currency",
    "t26"."vintage",
    "t26"."file_dated",
    SUM("t26"."value") AS "value",
    SUM("t26"."before") AS "before",
    COUNT("t26"."code") AS "codes",
    COUNT("t26"."before") AS "codes_before",
    MIN("t26"."rank") AS "rank",
    MAX("t26"."scheme") AS "scheme",
    SUM("t26"."confidential") AS "confidential",
    MAX("t26"."reporters") AS "reporters",
    BOOL_OR(CAST("t26"."synthetic" AS BOOLEAN)) AS "synthetic",
    SUM("t26"."unconverted") AS "unconverted"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        'line' AS "kind",
        "t20"."source",
        "t20"."side",
        CAST(2024 AS BIGINT) AS "year",
        CASE
          WHEN "t20"."traded"
          THEN CASE
            WHEN "t20"."hidden" OR (
              "t20"."order" < 20
            )
            THEN "t20"."code"
            ELSE 'other'
          END
          ELSE CAST(NULL AS TEXT)
        END AS "key",
        CAST(NULL AS TEXT) AS "member",
        CAST(NULL AS BIGINT) AS "month",
        "t20"."now" AS "value",
        "t20"."scheme",
        CAST(NULL AS BOOLEAN) AS "synthetic",
        CAST(NULL AS BIGINT) AS "unconverted",
        "t20"."before",
        "t20"."code",
        CASE
          WHEN "t20"."traded"
          AND NOT (
            "t20"."hidden"
          )
          AND (
            CASE
              WHEN "t20"."hidden" OR (
                "t20"."order" < 20
              )
              THEN "t20"."code"
              ELSE 'other'
            END <> 'other'
          )
          THEN "t20"."order" + 1
          ELSE CAST(NULL AS BIGINT)
        END AS "rank",
        "t20"."confidential",
        "t20"."reporters",
        "t20"."currency",
        "t20"."vintage",
        "t20"."file_dated"
      FROM "t19" AS "t20"
      WHERE
        "t20"."traded"
    ) AS "t23"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        'held' AS "kind",
        "t24"."source",
        "t24"."side",
        CAST("t24"."year" AS BIGINT) AS "year",
        "t24"."key",
        "t24"."reporter" AS "member",
        CAST("t24"."month" AS BIGINT) AS "month",
        "t24"."value",
        CAST(NULL AS TEXT) AS "scheme",
        "t24"."synthetic",
        "t24"."unconverted",
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
          "t17"."source",
          "t17"."side",
          "t17"."code",
          "t17"."year",
          "t17"."reporter",
          "t17"."month",
          "t17"."value",
          "t17"."confidential_value",
          "t17"."unconverted",
          "t17"."product_scheme",
          "t17"."currency",
          "t17"."vintage",
          "t17"."synthetic",
          "t17"."file_dated",
          "t22"."source" AS "source_right",
          "t22"."side" AS "side_right",
          "t22"."code" AS "code_right",
          "t22"."key"
        FROM "t15" AS "t17"
        INNER JOIN (
          SELECT
            "t20"."source",
            "t20"."side",
            "t20"."code",
            CASE
              WHEN "t20"."traded"
              THEN CASE
                WHEN "t20"."hidden" OR (
                  "t20"."order" < 20
                )
                THEN "t20"."code"
                ELSE 'other'
              END
              ELSE CAST(NULL AS TEXT)
            END AS "key"
          FROM "t19" AS "t20"
        ) AS "t22"
          ON "t17"."source" IS NOT DISTINCT FROM "t22"."source"
          AND "t17"."side" IS NOT DISTINCT FROM "t22"."side"
          AND "t17"."code" IS NOT DISTINCT FROM "t22"."code"
      ) AS "t24"
    ) AS "t25"
  ) AS "t26"
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
) AS "t27"
