-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'export', 20, currency='USD', dialect='duckdb')
SELECT
  "t24"."kind",
  "t24"."source",
  "t24"."side",
  "t24"."year",
  "t24"."key",
  "t24"."rank",
  "t24"."value",
  CASE WHEN "t24"."kind" = 'line' THEN "t24"."codes" ELSE CAST(NULL AS BIGINT) END AS "codes",
  "t24"."scheme",
  "t24"."member",
  "t24"."month",
  "t24"."currency",
  "t24"."vintage",
  "t24"."file_dated",
  "t24"."synthetic",
  "t24"."confidential",
  "t24"."unconverted",
  CAST("t24"."reporters" AS BIGINT) AS "reporters",
  CAST(NULL AS DOUBLE) AS "total",
  "t24"."before",
  CASE
    WHEN "t24"."kind" = 'line'
    THEN "t24"."codes_before"
    ELSE CAST(NULL AS BIGINT)
  END AS "codes_before"
FROM (
  SELECT
    "t23"."kind",
    "t23"."source",
    "t23"."side",
    "t23"."year",
    "t23"."key",
    "t23"."member",
    "t23"."month",
    "t23"."currency",
    "t23"."vintage",
    "t23"."file_dated",
    SUM("t23"."value") AS "value",
    SUM("t23"."before") AS "before",
    COUNT("t23"."code") AS "codes",
    COUNT("t23"."before") AS "codes_before",
    MIN("t23"."rank") AS "rank",
    MAX("t23"."scheme") AS "scheme",
    SUM("t23"."confidential") AS "confidential",
    MAX("t23"."reporters") AS "reporters",
    BOOL_OR(CAST("t23"."synthetic" AS BOOLEAN)) AS "synthetic",
    SUM("t23"."unconverted") AS "unconverted"
  FROM (
    SELECT
      "t22"."source",
      "t22"."side",
      "t22"."part"."kind" AS "kind",
      CASE WHEN "t22"."part"."kind" = 'held' THEN "t22"."part"."year" ELSE 2024 END AS "year",
      "t22"."key",
      "t22"."part"."member" AS "member",
      "t22"."part"."month" AS "month",
      CASE
        WHEN "t22"."part"."kind" = 'held'
        THEN "t22"."part"."value"
        ELSE "t22"."now"
      END AS "value",
      CASE
        WHEN "t22"."part"."kind" = 'line'
        THEN "t22"."scheme"
        ELSE CAST(NULL AS TEXT)
      END AS "scheme",
      "t22"."part"."synthetic" AS "synthetic",
      "t22"."part"."unconverted" AS "unconverted",
      CASE
        WHEN "t22"."part"."kind" = 'line'
        THEN "t22"."before"
        ELSE CAST(NULL AS DOUBLE)
      END AS "before",
      CASE WHEN "t22"."part"."kind" = 'line' THEN "t22"."code" ELSE CAST(NULL AS TEXT) END AS "code",
      CASE
        WHEN "t22"."part"."kind" = 'line'
        THEN "t22"."rank"
        ELSE CAST(NULL AS BIGINT)
      END AS "rank",
      CASE
        WHEN "t22"."part"."kind" = 'line'
        THEN "t22"."confidential"
        ELSE CAST(NULL AS DOUBLE)
      END AS "confidential",
      CASE
        WHEN "t22"."part"."kind" = 'line'
        THEN "t22"."reporters"
        ELSE CAST(NULL AS TINYINT)
      END AS "reporters",
      CASE
        WHEN "t22"."part"."kind" = 'line'
        THEN "t22"."currency"
        ELSE CAST(NULL AS TEXT)
      END AS "currency",
      CASE
        WHEN "t22"."part"."kind" = 'line'
        THEN "t22"."vintage"
        ELSE CAST(NULL AS TEXT)
      END AS "vintage",
      CASE
        WHEN "t22"."part"."kind" = 'line'
        THEN "t22"."file_dated"
        ELSE CAST(NULL AS BOOLEAN)
      END AS "file_dated"
    FROM (
      SELECT
        "t21"."source",
        "t21"."side",
        "t21"."code",
        "t21"."now",
        "t21"."before",
        "t21"."scheme",
        "t21"."currency",
        "t21"."vintage",
        "t21"."file_dated",
        "t21"."confidential",
        "t21"."reporters",
        "t21"."cells",
        "t21"."traded",
        "t21"."hidden",
        "t21"."order",
        "t21"."key",
        "t21"."rank",
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
            OR "t21"."cells" IS NULL
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
              "t21"."cells"
            )
          END
        ) AS "part"
      FROM (
        SELECT
          "t20"."source",
          "t20"."side",
          "t20"."code",
          "t20"."now",
          "t20"."before",
          "t20"."scheme",
          "t20"."currency",
          "t20"."vintage",
          "t20"."file_dated",
          "t20"."confidential",
          "t20"."reporters",
          "t20"."cells",
          "t20"."traded",
          "t20"."hidden",
          "t20"."order",
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
          END AS "rank"
        FROM (
          SELECT
            "t19"."source",
            "t19"."side",
            "t19"."code",
            "t19"."now",
            "t19"."before",
            "t19"."scheme",
            "t19"."currency",
            "t19"."vintage",
            "t19"."file_dated",
            "t19"."confidential",
            "t19"."reporters",
            "t19"."cells",
            "t19"."now" IS NOT NULL AS "traded",
            CONTAINS("t19"."code", 'X') AS "hidden",
            ROW_NUMBER() OVER (
              PARTITION BY "t19"."source", "t19"."side"
              ORDER BY NOT (
                "t19"."now" IS NOT NULL
              ) OR CONTAINS("t19"."code", 'X') ASC, "t19"."now" DESC, "t19"."code" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) - 1 AS "order"
          FROM (
            SELECT
              "t18"."source",
              "t18"."side",
              "t18"."code",
              SUM("t18"."value") FILTER(WHERE
                "t18"."year" = 2024) AS "now",
              SUM("t18"."value") FILTER(WHERE
                "t18"."year" = 2023) AS "before",
              MAX("t18"."product_scheme") FILTER(WHERE
                "t18"."year" = 2024) AS "scheme",
              MIN("t18"."currency") FILTER(WHERE
                "t18"."year" = 2024) AS "currency",
              MAX("t18"."vintage") FILTER(WHERE
                "t18"."year" = 2024) AS "vintage",
              BOOL_OR(CAST(CONTAINS(COALESCE("t18"."flags", ''), 'file_dated') AS BOOLEAN)) FILTER(WHERE
                "t18"."year" = 2024) AS "file_dated",
              SUM("t18"."confidential_value") FILTER(WHERE
                "t18"."year" = 2024) AS "confidential",
              1 AS "reporters",
              ARRAY_AGG(
                {'kind': 'held', 'year': CAST("t18"."year" AS BIGINT), 'member': "t18"."reporter", 'month': CAST("t18"."month" AS BIGINT), 'value': "t18"."value", 'synthetic': CONTAINS(COALESCE("t18"."flags", ''), 'synthetic'), 'unconverted': "t18"."unconverted"}
              ) FILTER(WHERE
                {'kind': 'held', 'year': CAST("t18"."year" AS BIGINT), 'member': "t18"."reporter", 'month': CAST("t18"."month" AS BIGINT), 'value': "t18"."value", 'synthetic': CONTAINS(COALESCE("t18"."flags", ''), 'synthetic'), 'unconverted': "t18"."unconverted"} IS NOT NULL) AS "cells"
            FROM (
              SELECT
                "t17"."source",
                "t17"."reporter",
                "t17"."partner",
                "t17"."flow",
                "t17"."year",
                "t17"."month",
                "t17"."product_level",
                "t17"."code",
                "t17"."product_scheme",
                (
                  "t17"."value" * "t17"."target_rate"
                ) / "t17"."own_rate" AS "value",
                (
                  "t17"."confidential_value" * "t17"."target_rate"
                ) / "t17"."own_rate" AS "confidential_value",
                'USD' AS "currency",
                "t17"."flags",
                "t17"."vintage",
                "t17"."side",
                "t17"."level_rank",
                CAST((
                  "t17"."own_rate" IS NULL
                ) OR (
                  "t17"."target_rate" IS NULL
                ) AS BIGINT) AS "unconverted"
              FROM (
                SELECT
                  "t16"."source",
                  "t16"."reporter",
                  "t16"."partner",
                  "t16"."flow",
                  "t16"."year",
                  "t16"."month",
                  "t16"."product_level",
                  "t16"."code",
                  "t16"."product_scheme",
                  "t16"."value",
                  "t16"."confidential_value",
                  "t16"."currency",
                  "t16"."flags",
                  "t16"."vintage",
                  "t16"."side",
                  "t16"."level_rank",
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
                    *
                  FROM (
                    SELECT
                      "t13".*
                      EXCLUDE ("_monthly_only", "_top_level")
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t11"."source",
                          "t11"."reporter",
                          "t11"."partner",
                          "t11"."flow",
                          "t11"."year",
                          "t11"."month",
                          "t11"."product_level",
                          "t11"."code",
                          "t11"."product_scheme",
                          "t11"."value",
                          "t11"."confidential_value",
                          "t11"."currency",
                          "t11"."flags",
                          "t11"."vintage",
                          "t11"."side",
                          "t11"."level_rank",
                          NOT (
                            BOOL_OR(CAST("t11"."month" IS NULL AS BOOLEAN)) OVER (
                              PARTITION BY "t11"."source", "t11"."side", "t11"."flow", "t11"."year", "t11"."reporter", "t11"."partner"
                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                            )
                          ) AS "_monthly_only",
                          MIN("t11"."level_rank") OVER (
                            PARTITION BY "t11"."source", "t11"."side", "t11"."flow", "t11"."year", "t11"."reporter", "t11"."partner"
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) AS "_top_level"
                        FROM (
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
                            END AS "level_rank"
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
                        ) AS "t11"
                      ) AS "t12"
                      WHERE
                        (
                          (
                            "t12"."month" IS NULL
                          ) OR "t12"."_monthly_only"
                        )
                        AND "t12"."level_rank" = "t12"."_top_level"
                    ) AS "t13"
                  ) AS "t14"
                  WHERE
                    (
                      (
                        "t14"."side" = 'first'
                      ) AND (
                        "t14"."flow" = 'export'
                      )
                    )
                    OR (
                      (
                        "t14"."side" = 'second'
                      ) AND (
                        "t14"."flow" = 'import'
                      )
                    )
                ) AS "t16"
                LEFT OUTER JOIN (
                  SELECT
                    "t0"."currency" AS "rate_currency",
                    "t0"."year" AS "rate_year",
                    "t0"."month" AS "rate_month",
                    "t0"."per_eur" AS "own_rate"
                  FROM "rates" AS "t0"
                ) AS "t4"
                  ON "t16"."currency" = "t4"."rate_currency"
                  AND "t16"."year" = "t4"."rate_year"
                  AND "t16"."month" IS NOT DISTINCT FROM "t4"."rate_month"
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
                  ON "t16"."year" = "t5"."target_year"
                  AND "t16"."month" IS NOT DISTINCT FROM "t5"."target_month"
              ) AS "t17"
            ) AS "t18"
            GROUP BY
              1,
              2,
              3
          ) AS "t19"
        ) AS "t20"
      ) AS "t21"
    ) AS "t22"
    WHERE
      (
        "t22"."part"."kind" = 'held'
      )
      OR (
        (
          "t22"."part"."kind" = 'line'
        ) AND "t22"."traded"
      )
  ) AS "t23"
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
) AS "t24"
