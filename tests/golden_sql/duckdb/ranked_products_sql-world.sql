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
    AND (
      (
        (
          "t5"."side" = 'first'
        ) AND (
          "t5"."flow" = 'export'
        )
      )
      OR (
        (
          "t5"."side" = 'second'
        ) AND (
          "t5"."flow" = 'import'
        )
      )
    )
)
SELECT
  "t21"."kind",
  "t21"."source",
  "t21"."side",
  "t21"."year",
  "t21"."key",
  "t21"."rank",
  "t21"."value",
  CASE WHEN "t21"."kind" = 'line' THEN "t21"."codes" ELSE CAST(NULL AS BIGINT) END AS "codes",
  "t21"."scheme",
  "t21"."member",
  "t21"."month",
  "t21"."currency",
  "t21"."vintage",
  "t21"."file_dated",
  "t21"."synthetic",
  "t21"."confidential",
  "t21"."unconverted",
  "t21"."reporters",
  CAST(NULL AS DOUBLE) AS "total",
  "t21"."before",
  CASE
    WHEN "t21"."kind" = 'line'
    THEN "t21"."codes_before"
    ELSE CAST(NULL AS BIGINT)
  END AS "codes_before"
FROM (
  SELECT
    "t20"."kind",
    "t20"."source",
    "t20"."side",
    "t20"."year",
    "t20"."key",
    "t20"."member",
    "t20"."month",
    "t20"."currency",
    "t20"."vintage",
    "t20"."file_dated",
    SUM("t20"."value") AS "value",
    SUM("t20"."before") AS "before",
    COUNT("t20"."code") AS "codes",
    COUNT("t20"."before") AS "codes_before",
    MIN("t20"."rank") AS "rank",
    LIST_MAX(ARRAY_AGG("t20"."scheme") FILTER(WHERE
      "t20"."scheme" IS NOT NULL)) AS "scheme",
    SUM("t20"."confidential") AS "confidential",
    MAX("t20"."reporters") AS "reporters",
    BOOL_OR(CAST("t20"."synthetic" AS BOOLEAN)) AS "synthetic",
    SUM("t20"."unconverted") AS "unconverted"
  FROM (
    SELECT
      "t19"."source",
      "t19"."side",
      "t19"."part"."kind" AS "kind",
      CASE WHEN "t19"."part"."kind" = 'held' THEN "t19"."part"."year" ELSE 2024 END AS "year",
      "t19"."key",
      "t19"."part"."member" AS "member",
      "t19"."part"."month" AS "month",
      CASE
        WHEN "t19"."part"."kind" = 'held'
        THEN "t19"."part"."value"
        ELSE "t19"."now"
      END AS "value",
      CASE
        WHEN "t19"."part"."kind" = 'line'
        THEN "t19"."scheme"
        ELSE CAST(NULL AS TEXT)
      END AS "scheme",
      "t19"."part"."synthetic" AS "synthetic",
      "t19"."part"."unconverted" AS "unconverted",
      CASE
        WHEN "t19"."part"."kind" = 'line'
        THEN "t19"."before"
        ELSE CAST(NULL AS DOUBLE)
      END AS "before",
      CASE WHEN "t19"."part"."kind" = 'line' THEN "t19"."code" ELSE CAST(NULL AS TEXT) END AS "code",
      CASE
        WHEN "t19"."part"."kind" = 'line'
        THEN "t19"."rank"
        ELSE CAST(NULL AS BIGINT)
      END AS "rank",
      CASE
        WHEN "t19"."part"."kind" = 'line'
        THEN "t19"."confidential"
        ELSE CAST(NULL AS DOUBLE)
      END AS "confidential",
      CASE
        WHEN "t19"."part"."kind" = 'line'
        THEN "t19"."reporters"
        ELSE CAST(NULL AS BIGINT)
      END AS "reporters",
      CASE
        WHEN "t19"."part"."kind" = 'line'
        THEN "t19"."currency"
        ELSE CAST(NULL AS TEXT)
      END AS "currency",
      CASE
        WHEN "t19"."part"."kind" = 'line'
        THEN "t19"."vintage"
        ELSE CAST(NULL AS TEXT)
      END AS "vintage",
      CASE
        WHEN "t19"."part"."kind" = 'line'
        THEN "t19"."file_dated"
        ELSE CAST(NULL AS BOOLEAN)
      END AS "file_dated"
    FROM (
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
        "t18"."cells",
        "t18"."traded",
        "t18"."hidden",
        "t18"."order",
        "t18"."key",
        "t18"."rank",
        UNNEST(
          CASE
            WHEN CAST([
              {'kind': 'line', 'year': CAST(NULL AS BIGINT), 'member': CAST(NULL AS TEXT), 'month': CAST(NULL AS BIGINT), 'value': CAST(NULL AS DOUBLE), 'synthetic': CAST(NULL AS BOOLEAN), 'unconverted': CAST(NULL AS BIGINT)}
            ] AS STRUCT(
              "kind" TEXT,
              "year" BIGINT,
              "member" TEXT,
              "month" BIGINT,
              "value" DOUBLE,
              "synthetic" BOOLEAN,
              "unconverted" BIGINT
            )[]) IS NULL
            OR "t18"."cells" IS NULL
            THEN NULL
            ELSE LIST_CONCAT(
              CAST([
                {'kind': 'line', 'year': CAST(NULL AS BIGINT), 'member': CAST(NULL AS TEXT), 'month': CAST(NULL AS BIGINT), 'value': CAST(NULL AS DOUBLE), 'synthetic': CAST(NULL AS BOOLEAN), 'unconverted': CAST(NULL AS BIGINT)}
              ] AS STRUCT(
                "kind" TEXT,
                "year" BIGINT,
                "member" TEXT,
                "month" BIGINT,
                "value" DOUBLE,
                "synthetic" BOOLEAN,
                "unconverted" BIGINT
              )[]),
              "t18"."cells"
            )
          END
        ) AS "part"
      FROM (
        SELECT
          "t17"."source",
          "t17"."side",
          "t17"."code",
          "t17"."now",
          "t17"."before",
          "t17"."scheme",
          "t17"."currency",
          "t17"."vintage",
          "t17"."file_dated",
          "t17"."confidential",
          "t17"."reporters",
          "t17"."cells",
          "t17"."traded",
          "t17"."hidden",
          "t17"."order",
          CASE
            WHEN "t17"."traded"
            THEN CASE
              WHEN "t17"."hidden" OR (
                "t17"."order" < 20
              )
              THEN "t17"."code"
              ELSE 'other'
            END
            ELSE CAST(NULL AS TEXT)
          END AS "key",
          CASE
            WHEN "t17"."traded"
            AND NOT (
              "t17"."hidden"
            )
            AND (
              CASE
                WHEN "t17"."hidden" OR (
                  "t17"."order" < 20
                )
                THEN "t17"."code"
                ELSE 'other'
              END <> 'other'
            )
            THEN "t17"."order" + 1
            ELSE CAST(NULL AS BIGINT)
          END AS "rank"
        FROM (
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
            "t16"."cells",
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
              "t15"."source",
              "t15"."side",
              "t15"."code",
              SUM("t15"."value") FILTER(WHERE
                "t15"."year" = 2024) AS "now",
              SUM("t15"."value") FILTER(WHERE
                "t15"."year" = 2023) AS "before",
              MAX("t15"."product_scheme") FILTER(WHERE
                "t15"."year" = 2024) AS "scheme",
              MIN("t15"."currency") FILTER(WHERE
                "t15"."year" = 2024) AS "currency",
              MAX("t15"."vintage") FILTER(WHERE
                "t15"."year" = 2024) AS "vintage",
              BOOL_OR(CAST(CONTAINS(COALESCE("t15"."flags", ''), 'file_dated') AS BOOLEAN)) FILTER(WHERE
                "t15"."year" = 2024) AS "file_dated",
              SUM("t15"."confidential_value") FILTER(WHERE
                "t15"."year" = 2024) AS "confidential",
              COUNT(DISTINCT "t15"."reporter") FILTER(WHERE
                "t15"."year" = 2024) AS "reporters",
              ARRAY_AGG(
                {'kind': 'held', 'year': CAST("t15"."year" AS BIGINT), 'member': "t15"."reporter", 'month': CAST("t15"."month" AS BIGINT), 'value': "t15"."value", 'synthetic': CONTAINS(COALESCE("t15"."flags", ''), 'synthetic'), 'unconverted': "t15"."unconverted"}
              ) FILTER(WHERE
                {'kind': 'held', 'year': CAST("t15"."year" AS BIGINT), 'member': "t15"."reporter", 'month': CAST("t15"."month" AS BIGINT), 'value': "t15"."value", 'synthetic': CONTAINS(COALESCE("t15"."flags", ''), 'synthetic'), 'unconverted': "t15"."unconverted"} IS NOT NULL) AS "cells"
            FROM (
              SELECT
                "t14"."source",
                "t14"."reporter",
                "t14"."partner",
                "t14"."flow",
                "t14"."year",
                "t14"."month",
                "t14"."product_level",
                "t14"."code",
                "t14"."product_scheme",
                "t14"."value",
                "t14"."confidential_value",
                "t14"."currency",
                "t14"."flags",
                "t14"."vintage",
                "t14"."side",
                "t14"."level_rank",
                CAST(FALSE AS BIGINT) AS "unconverted"
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
            ) AS "t15"
            GROUP BY
              1,
              2,
              3
          ) AS "t16"
        ) AS "t17"
      ) AS "t18"
    ) AS "t19"
    WHERE
      (
        "t19"."part"."kind" = 'held'
      )
      OR (
        (
          "t19"."part"."kind" = 'line'
        ) AND "t19"."traded"
      )
  ) AS "t20"
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
) AS "t21"
