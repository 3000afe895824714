-- bilateral.query.series.series_sql(country(0000), country(0001), (2023, 2024), dialect='duckdb')
WITH "t8" AS (
  SELECT
    "t7"."source",
    "t7"."reporter",
    "t7"."partner",
    "t7"."flow",
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
    "t7"."side",
    "t7"."kind",
    CASE "t7"."product_level"
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
    "t7"."month" IS NULL AS "_annual"
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
      "t6"."side",
      UNNEST(CASE WHEN "t6"."month" IS NULL THEN ['year'] ELSE ['year', 'month'] END) AS "kind"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t4"."source",
          "t4"."reporter",
          "t4"."partner",
          "t4"."flow",
          "t4"."year",
          "t4"."month",
          "t4"."product_level",
          "t4"."value",
          "t4"."confidential_value",
          "t4"."quantity_kg",
          "t4"."rows",
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
              "t2"."value",
              "t2"."confidential_value",
              "t2"."quantity_kg",
              "t2"."rows",
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
                "t1"."value",
                "t1"."confidential_value",
                "t1"."quantity_kg",
                "t1"."rows",
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
                  *
                FROM "rollup_totals" AS "t0"
                WHERE
                  "t0"."year" IN (2022, 2023, 2024)
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
)
SELECT
  "t17"."kind",
  "t17"."source",
  "t17"."side",
  "t17"."flow",
  "t17"."year",
  "t17"."_month" AS "month",
  "t17"."reporters",
  "t17"."unconverted",
  "t17"."value",
  "t17"."currency",
  "t17"."vintage",
  "t17"."months",
  "t17"."annual",
  "t17"."synthetic",
  "t17"."published_total"
FROM (
  SELECT
    "t16"."kind",
    "t16"."source",
    "t16"."side",
    "t16"."flow",
    "t16"."year",
    "t16"."_month",
    SUM("t16"."unconverted") AS "unconverted",
    ARRAY_LENGTH(ARRAY_AGG("t16"."reporter") FILTER(WHERE
      "t16"."reporter" IS NOT NULL)) AS "reporters",
    SUM("t16"."value") AS "value",
    MIN("t16"."currency") AS "currency",
    MAX("t16"."vintage") AS "vintage",
    MIN("t16"."months") AS "months",
    BOOL_OR(CAST("t16"."annual" AS BOOLEAN)) AS "annual",
    BOOL_OR(CAST("t16"."synthetic" AS BOOLEAN)) AS "synthetic",
    BOOL_AND(CAST("t16"."published_total" AS BOOLEAN)) AS "published_total"
  FROM (
    SELECT
      "t15"."kind",
      "t15"."source",
      "t15"."side",
      "t15"."flow",
      "t15"."year",
      "t15"."_month",
      "t15"."reporter",
      SUM(CAST("t15"."unconverted" AS INT)) AS "unconverted",
      SUM("t15"."value") AS "value",
      MIN("t15"."currency") AS "currency",
      MAX("t15"."vintage") AS "vintage",
      COALESCE(
        ARRAY_LENGTH(
          CASE
            WHEN ARRAY_AGG("t15"."month") FILTER(WHERE
              "t15"."month" IS NOT NULL) IS NULL
            THEN NULL
            ELSE LIST_DISTINCT(ARRAY_AGG("t15"."month") FILTER(WHERE
              "t15"."month" IS NOT NULL)) + CASE
              WHEN LIST_BOOL_OR(
                LIST_APPLY(
                  ARRAY_AGG("t15"."month") FILTER(WHERE
                    "t15"."month" IS NOT NULL),
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
      BOOL_OR(CAST("t15"."month" IS NULL AS BOOLEAN)) AS "annual",
      BOOL_OR(CAST(CONTAINS(COALESCE("t15"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
      BOOL_AND(CAST("t15"."product_level" = 'TOTAL' AS BOOLEAN)) AS "published_total"
    FROM (
      SELECT
        "t14"."source",
        "t14"."reporter",
        "t14"."partner",
        "t14"."flow",
        "t14"."year",
        "t14"."month",
        "t14"."product_level",
        "t14"."value",
        "t14"."confidential_value",
        "t14"."quantity_kg",
        "t14"."rows",
        "t14"."currency",
        "t14"."flags",
        "t14"."vintage",
        "t14"."side",
        "t14"."kind",
        "t14"."level_rank",
        FALSE AS "unconverted",
        CASE WHEN "t14"."kind" = 'month' THEN "t14"."month" ELSE CAST(NULL AS TINYINT) END AS "_month"
      FROM (
        SELECT
          "t13".*
          EXCLUDE ("_annual")
        FROM (
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
            "t10"."kind",
            "t10"."level_rank",
            "t10"."_annual"
          FROM "t8" AS "t10"
          SEMI JOIN (
            SELECT
              "t9"."source",
              "t9"."side",
              "t9"."flow",
              "t9"."year",
              "t9"."kind",
              "t9"."reporter",
              "t9"."partner",
              MIN("t9"."level_rank") AS "level_rank",
              BOOL_OR(CAST("t9"."_annual" AS BOOLEAN)) AS "_annual"
            FROM "t8" AS "t9"
            GROUP BY
              1,
              2,
              3,
              4,
              5,
              6,
              7
          ) AS "t12"
            ON "t10"."source" IS NOT DISTINCT FROM "t12"."source"
            AND "t10"."side" IS NOT DISTINCT FROM "t12"."side"
            AND "t10"."flow" IS NOT DISTINCT FROM "t12"."flow"
            AND "t10"."year" IS NOT DISTINCT FROM "t12"."year"
            AND "t10"."kind" IS NOT DISTINCT FROM "t12"."kind"
            AND "t10"."reporter" IS NOT DISTINCT FROM "t12"."reporter"
            AND "t10"."partner" IS NOT DISTINCT FROM "t12"."partner"
            AND "t10"."level_rank" = "t12"."level_rank"
            AND "t10"."_annual" = "t12"."_annual"
        ) AS "t13"
      ) AS "t14"
    ) AS "t15"
    GROUP BY
      1,
      2,
      3,
      4,
      5,
      6,
      7
  ) AS "t16"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t17"
