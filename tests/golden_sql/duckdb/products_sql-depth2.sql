-- bilateral.query.products.products_sql(country(0000), country(0001), (2023, 2024), 2, 'export', dialect='duckdb')
SELECT
  "t11"."source",
  "t11"."side",
  "t11"."year",
  "t11"."code",
  SUM("t11"."unconverted") AS "unconverted",
  ARRAY_AGG({'member': "t11"."reporter", 'month': "t11"."month", 'value': "t11"."value"}) FILTER(WHERE
    {'member': "t11"."reporter", 'month': "t11"."month", 'value': "t11"."value"} IS NOT NULL) AS "parts",
  SUM("t11"."value") AS "value",
  SUM("t11"."confidential") AS "confidential",
  MIN("t11"."currency") AS "currency",
  MAX("t11"."vintage") AS "vintage",
  BOOL_OR(CAST("t11"."synthetic" AS BOOLEAN)) AS "synthetic",
  MAX("t11"."scheme") AS "scheme",
  BOOL_OR(CAST("t11"."file_dated" AS BOOLEAN)) AS "file_dated"
FROM (
  SELECT
    "t10"."source",
    "t10"."side",
    "t10"."year",
    "t10"."code",
    "t10"."reporter",
    "t10"."month",
    SUM("t10"."unconverted") AS "unconverted",
    SUM("t10"."value") AS "value",
    SUM("t10"."confidential_value") AS "confidential",
    MIN("t10"."currency") AS "currency",
    MAX("t10"."vintage") AS "vintage",
    BOOL_OR(CAST(CONTAINS(COALESCE("t10"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
    MAX("t10"."product_scheme") AS "scheme",
    BOOL_OR(CAST(CONTAINS(COALESCE("t10"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated"
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
      "t9"."side",
      "t9"."level_rank",
      CAST(FALSE AS BIGINT) AS "unconverted"
    FROM (
      SELECT
        "t8".*
        EXCLUDE ("_monthly_only", "_top_level")
      FROM (
        SELECT
          *
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
            "t6"."side",
            "t6"."level_rank",
            NOT (
              BOOL_OR(CAST("t6"."month" IS NULL AS BOOLEAN)) OVER (
                PARTITION BY "t6"."source", "t6"."side", "t6"."flow", "t6"."year", "t6"."reporter", "t6"."partner"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              )
            ) AS "_monthly_only",
            MIN("t6"."level_rank") OVER (
              PARTITION BY "t6"."source", "t6"."side", "t6"."flow", "t6"."year", "t6"."reporter", "t6"."partner"
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "_top_level"
          FROM (
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
              END AS "level_rank"
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
                    CASE
                      WHEN "t2"."_copy"
                      THEN REPLACE("t2"."flow", 'export', 'import')
                      ELSE "t2"."flow"
                    END AS "flow",
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
                        "t0"."product_level",
                        "t0"."code",
                        CAST(NULL AS TEXT) AS "product_scheme",
                        "t0"."value",
                        "t0"."confidential_value",
                        "t0"."currency",
                        "t0"."flags",
                        "t0"."vintage"
                      FROM "rollup_products" AS "t0"
                      WHERE
                        "t0"."classification" = 'HS2'
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
          ) AS "t6"
        ) AS "t7"
        WHERE
          (
            (
              "t7"."month" IS NULL
            ) OR "t7"."_monthly_only"
          )
          AND "t7"."level_rank" = "t7"."_top_level"
      ) AS "t8"
    ) AS "t9"
    WHERE
      (
        (
          "t9"."side" = 'first'
        ) AND (
          "t9"."flow" = 'export'
        )
      )
      OR (
        (
          "t9"."side" = 'second'
        ) AND (
          "t9"."flow" = 'import'
        )
      )
  ) AS "t10"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t11"
GROUP BY
  1,
  2,
  3,
  4
