-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'hs2', dialect='duckdb')
WITH "t5" AS (
  SELECT
    "t4"."source",
    "t4"."reporter",
    "t4"."partner",
    "t4"."flow",
    "t4"."year",
    "t4"."month",
    "t4"."product_level",
    "t4"."classification",
    "t4"."code",
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
    END AS "side",
    CASE "t4"."product_level"
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
    "t4"."month" IS NULL AS "_annual"
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
        "t2"."classification",
        "t2"."code",
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
          "t1"."classification",
          "t1"."code",
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
  WHERE
    CASE
      WHEN "t4"."reporter" IN ('bilateral_stand_in_0000')
      AND "t4"."partner" IN ('bilateral_stand_in_0001')
      THEN 'first'
      WHEN "t4"."reporter" IN ('bilateral_stand_in_0001')
      AND "t4"."partner" IN ('bilateral_stand_in_0000')
      THEN 'second'
      ELSE NULL
    END IS NOT NULL
)
SELECT
  "t12"."source",
  "t12"."side",
  "t12"."flow",
  "t12"."year",
  "t12"."code",
  "t12"."month",
  SUM(CAST("t12"."unconverted" AS INT)) AS "unconverted",
  ARRAY_AGG("t12"."reporter") FILTER(WHERE
    "t12"."reporter" IS NOT NULL) AS "members",
  SUM("t12"."value") AS "value",
  MIN("t12"."currency") AS "currency",
  MAX("t12"."vintage") AS "vintage",
  BOOL_OR(CAST(CONTAINS(COALESCE("t12"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
  BOOL_OR(CAST(CONTAINS(COALESCE("t12"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated"
FROM (
  SELECT
    "t11"."source",
    "t11"."reporter",
    "t11"."partner",
    "t11"."flow",
    "t11"."year",
    "t11"."month",
    "t11"."product_level",
    "t11"."classification",
    "t11"."code",
    "t11"."value",
    "t11"."confidential_value",
    "t11"."quantity_kg",
    "t11"."rows",
    "t11"."currency",
    "t11"."flags",
    "t11"."vintage",
    "t11"."side",
    "t11"."level_rank",
    FALSE AS "unconverted"
  FROM (
    SELECT
      "t10".*
      EXCLUDE ("_annual")
    FROM (
      SELECT
        "t7"."source",
        "t7"."reporter",
        "t7"."partner",
        "t7"."flow",
        "t7"."year",
        "t7"."month",
        "t7"."product_level",
        "t7"."classification",
        "t7"."code",
        "t7"."value",
        "t7"."confidential_value",
        "t7"."quantity_kg",
        "t7"."rows",
        "t7"."currency",
        "t7"."flags",
        "t7"."vintage",
        "t7"."side",
        "t7"."level_rank",
        "t7"."_annual"
      FROM "t5" AS "t7"
      SEMI JOIN (
        SELECT
          "t6"."source",
          "t6"."side",
          "t6"."flow",
          "t6"."year",
          "t6"."classification",
          "t6"."reporter",
          "t6"."partner",
          MIN("t6"."level_rank") AS "level_rank",
          BOOL_OR(CAST("t6"."_annual" AS BOOLEAN)) AS "_annual"
        FROM "t5" AS "t6"
        GROUP BY
          1,
          2,
          3,
          4,
          5,
          6,
          7
      ) AS "t9"
        ON "t7"."source" IS NOT DISTINCT FROM "t9"."source"
        AND "t7"."side" IS NOT DISTINCT FROM "t9"."side"
        AND "t7"."flow" IS NOT DISTINCT FROM "t9"."flow"
        AND "t7"."year" IS NOT DISTINCT FROM "t9"."year"
        AND "t7"."classification" IS NOT DISTINCT FROM "t9"."classification"
        AND "t7"."reporter" IS NOT DISTINCT FROM "t9"."reporter"
        AND "t7"."partner" IS NOT DISTINCT FROM "t9"."partner"
        AND "t7"."level_rank" = "t9"."level_rank"
        AND "t7"."_annual" = "t9"."_annual"
    ) AS "t10"
  ) AS "t11"
) AS "t12"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
