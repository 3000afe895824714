-- bilateral.query.series.series_sql(group(WORLD), country(0000), None, dialect='duckdb')
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
    "t7"."month" IS NULL AS "_annual",
    CASE
      WHEN "t7"."side" = 'first'
      THEN (
        CAST(NOT (
          TRUE AND (
            "t7"."reporter" = 'WORLD'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          "t7"."partner" = 'bilateral_stand_in_0000'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          FALSE AND (
            "t7"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t7"."partner" = 'WORLD'
        )
      ) AS TINYINT)
    END AS "_members_rank"
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
            THEN 'first'
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
                  "t0"."reporter" IN ('bilateral_stand_in_0000')
                  OR "t0"."partner" IN ('bilateral_stand_in_0000')
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
  "t19"."kind",
  "t19"."source",
  "t19"."side",
  "t19"."flow",
  "t19"."year",
  "t19"."_month" AS "month",
  "t19"."reporters",
  "t19"."unconverted",
  "t19"."value",
  "t19"."currency",
  "t19"."vintage",
  "t19"."months",
  "t19"."annual",
  "t19"."synthetic",
  "t19"."published_total"
FROM (
  SELECT
    "t18"."kind",
    "t18"."source",
    "t18"."side",
    "t18"."flow",
    "t18"."year",
    "t18"."_month",
    SUM("t18"."unconverted") AS "unconverted",
    ARRAY_LENGTH(ARRAY_AGG("t18"."reporter") FILTER(WHERE
      "t18"."reporter" IS NOT NULL)) AS "reporters",
    SUM("t18"."value") AS "value",
    MIN("t18"."currency") AS "currency",
    MAX("t18"."vintage") AS "vintage",
    MIN("t18"."months") AS "months",
    BOOL_OR(CAST("t18"."annual" AS BOOLEAN)) AS "annual",
    BOOL_OR(CAST("t18"."synthetic" AS BOOLEAN)) AS "synthetic",
    BOOL_AND(CAST("t18"."published_total" AS BOOLEAN)) AS "published_total"
  FROM (
    SELECT
      "t17"."kind",
      "t17"."source",
      "t17"."side",
      "t17"."flow",
      "t17"."year",
      "t17"."_month",
      "t17"."reporter",
      SUM(CAST("t17"."unconverted" AS INT)) AS "unconverted",
      SUM("t17"."value") AS "value",
      MIN("t17"."currency") AS "currency",
      MAX("t17"."vintage") AS "vintage",
      COALESCE(
        ARRAY_LENGTH(
          CASE
            WHEN ARRAY_AGG("t17"."month") FILTER(WHERE
              "t17"."month" IS NOT NULL) IS NULL
            THEN NULL
            ELSE LIST_DISTINCT(ARRAY_AGG("t17"."month") FILTER(WHERE
              "t17"."month" IS NOT NULL)) + CASE
              WHEN LIST_BOOL_OR(
                LIST_APPLY(
                  ARRAY_AGG("t17"."month") FILTER(WHERE
                    "t17"."month" IS NOT NULL),
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
      BOOL_OR(CAST("t17"."month" IS NULL AS BOOLEAN)) AS "annual",
      BOOL_OR(CAST(CONTAINS(COALESCE("t17"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
      BOOL_AND(CAST("t17"."product_level" = 'TOTAL' AS BOOLEAN)) AS "published_total"
    FROM (
      SELECT
        "t16"."source",
        "t16"."reporter",
        "t16"."partner",
        "t16"."flow",
        "t16"."year",
        "t16"."month",
        "t16"."product_level",
        "t16"."value",
        "t16"."confidential_value",
        "t16"."quantity_kg",
        "t16"."rows",
        "t16"."currency",
        "t16"."flags",
        "t16"."vintage",
        "t16"."side",
        "t16"."kind",
        "t16"."level_rank",
        FALSE AS "unconverted",
        CASE WHEN "t16"."kind" = 'month' THEN "t16"."month" ELSE CAST(NULL AS TINYINT) END AS "_month"
      FROM (
        SELECT
          "t15".*
          EXCLUDE ("_annual", "_members_rank")
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
            "t10"."_annual",
            "t10"."_members_rank"
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
          ) AS "t13"
            ON "t10"."source" IS NOT DISTINCT FROM "t13"."source"
            AND "t10"."side" IS NOT DISTINCT FROM "t13"."side"
            AND "t10"."flow" IS NOT DISTINCT FROM "t13"."flow"
            AND "t10"."year" IS NOT DISTINCT FROM "t13"."year"
            AND "t10"."kind" IS NOT DISTINCT FROM "t13"."kind"
            AND "t10"."reporter" IS NOT DISTINCT FROM "t13"."reporter"
            AND "t10"."partner" IS NOT DISTINCT FROM "t13"."partner"
            AND "t10"."level_rank" = "t13"."level_rank"
            AND "t10"."_annual" = "t13"."_annual"
          SEMI JOIN (
            SELECT
              "t9"."source",
              "t9"."side",
              "t9"."flow",
              "t9"."year",
              "t9"."kind",
              MIN("t9"."_members_rank") AS "_members_rank"
            FROM "t8" AS "t9"
            GROUP BY
              1,
              2,
              3,
              4,
              5
          ) AS "t14"
            ON "t10"."source" IS NOT DISTINCT FROM "t14"."source"
            AND "t10"."side" IS NOT DISTINCT FROM "t14"."side"
            AND "t10"."flow" IS NOT DISTINCT FROM "t14"."flow"
            AND "t10"."year" IS NOT DISTINCT FROM "t14"."year"
            AND "t10"."kind" IS NOT DISTINCT FROM "t14"."kind"
            AND "t10"."_members_rank" = "t14"."_members_rank"
        ) AS "t15"
      ) AS "t16"
    ) AS "t17"
    GROUP BY
      1,
      2,
      3,
      4,
      5,
      6,
      7
  ) AS "t18"
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS "t19"
