-- bilateral.query.series.series_sql(country(0000), country(0001), (2023, 2024), currency='USD', dialect='duckdb')
SELECT
  "t23"."kind",
  "t23"."source",
  "t23"."side",
  "t23"."flow",
  "t23"."year",
  "t23"."_month" AS "month",
  "t23"."reporters",
  "t23"."unconverted",
  "t23"."value",
  "t23"."currency",
  "t23"."vintage",
  "t23"."months",
  "t23"."annual",
  "t23"."synthetic",
  "t23"."published_total"
FROM (
  SELECT
    "t22"."kind",
    "t22"."source",
    "t22"."side",
    "t22"."flow",
    "t22"."year",
    "t22"."_month",
    SUM("t22"."unconverted") AS "unconverted",
    COUNT("t22"."reporter") AS "reporters",
    SUM("t22"."value") AS "value",
    MIN("t22"."currency") AS "currency",
    MAX("t22"."vintage") AS "vintage",
    MIN("t22"."months") AS "months",
    BOOL_OR(CAST("t22"."annual" AS BOOLEAN)) AS "annual",
    BOOL_OR(CAST("t22"."synthetic" AS BOOLEAN)) AS "synthetic",
    BOOL_AND(CAST("t22"."published_total" AS BOOLEAN)) AS "published_total"
  FROM (
    SELECT
      "t21"."kind",
      "t21"."source",
      "t21"."side",
      "t21"."flow",
      "t21"."year",
      "t21"."_month",
      "t21"."reporter",
      SUM(CAST("t21"."unconverted" AS INT)) AS "unconverted",
      SUM("t21"."value") AS "value",
      MIN("t21"."currency") AS "currency",
      MAX("t21"."vintage") AS "vintage",
      COUNT(DISTINCT "t21"."month") AS "months",
      BOOL_OR(CAST("t21"."month" IS NULL AS BOOLEAN)) AS "annual",
      BOOL_OR(CAST(CONTAINS(COALESCE("t21"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
      BOOL_AND(CAST("t21"."product_level" = 'TOTAL' AS BOOLEAN)) AS "published_total"
    FROM (
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
        "t20"."kind",
        "t20"."level_rank",
        "t20"."unconverted",
        CASE WHEN "t20"."kind" = 'month' THEN "t20"."month" ELSE CAST(NULL AS TINYINT) END AS "_month"
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
            "t18"."kind",
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
              "t17"."value",
              "t17"."confidential_value",
              "t17"."quantity_kg",
              "t17"."rows",
              "t17"."currency",
              "t17"."flags",
              "t17"."vintage",
              "t17"."side",
              "t17"."kind",
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
                EXCLUDE ("_monthly_only", "_top_level")
              FROM (
                SELECT
                  *
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
                    "t13"."kind",
                    "t13"."level_rank",
                    NOT (
                      BOOL_OR(CAST("t13"."month" IS NULL AS BOOLEAN)) OVER (
                        PARTITION BY "t13"."source", "t13"."side", "t13"."flow", "t13"."year", "t13"."kind", "t13"."reporter", "t13"."partner"
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      )
                    ) AS "_monthly_only",
                    MIN("t13"."level_rank") OVER (
                      PARTITION BY "t13"."source", "t13"."side", "t13"."flow", "t13"."year", "t13"."kind", "t13"."reporter", "t13"."partner"
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) AS "_top_level"
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
                      "t12"."side",
                      "t12"."kind",
                      CASE "t12"."product_level"
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
                        "t11"."side",
                        UNNEST(CASE WHEN "t11"."month" IS NULL THEN ['year'] ELSE ['year', 'month'] END) AS "kind"
                      FROM (
                        SELECT
                          *
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
                      ) AS "t11"
                    ) AS "t12"
                  ) AS "t13"
                ) AS "t14"
                WHERE
                  (
                    (
                      "t14"."month" IS NULL
                    ) OR "t14"."_monthly_only"
                  )
                  AND "t14"."level_rank" = "t14"."_top_level"
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
    ) AS "t21"
    GROUP BY
      1,
      2,
      3,
      4,
      5,
      6,
      7
  ) AS "t22"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t23"
