-- bilateral.query.sectors.detail_views_sql(country(0000), country(0001), (2024,), dialect='duckdb')
SELECT
  "t7"."source",
  "t7"."side",
  "t7"."flow",
  "t7"."year",
  "t7"."rows",
  FALSE AS "unconverted"
FROM (
  SELECT
    "t6"."source",
    "t6"."side",
    "t6"."flow",
    "t6"."year",
    COUNT(*) AS "rows"
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
                "t0"."product_level" IN ('CN8', 'HS6')
                AND "t0"."year" IN (2024)
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
  GROUP BY
    1,
    2,
    3,
    4
) AS "t7"
