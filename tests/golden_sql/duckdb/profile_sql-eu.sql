-- bilateral.query.profile.profile_sql(group(EU27_2020), country(0000), (2023, 2024), from_flows=False, dialect='duckdb')
WITH "t6" AS (
  SELECT
    "t5"."source",
    "t5"."reporter",
    "t5"."partner",
    "t5"."flow",
    "t5"."year",
    "t5"."month",
    "t5"."product_level",
    "t5"."value",
    "t5"."confidential_value",
    "t5"."quantity_kg",
    "t5"."rows",
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
          TRUE AND (
            "t5"."reporter" = 'EU27_2020'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        FALSE AND (
          "t5"."partner" = 'bilateral_stand_in_0000'
        )
      ) AS TINYINT)
      ELSE (
        CAST(NOT (
          FALSE AND (
            "t5"."reporter" = 'bilateral_stand_in_0000'
          )
        ) AS TINYINT) * 2
      ) + CAST(NOT (
        TRUE AND (
          "t5"."partner" = 'EU27_2020'
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
            "t4"."reporter" = 'EU27_2020'
          )
          OR (
            (
              "t4"."reporter" IN ('BEL', 'BLX', 'LUX')
              AND (
                CAST("t4"."year" AS INT) * 100
              ) + COALESCE(CAST("t4"."month" AS INT), 12) BETWEEN 0 AND 199812
            )
            OR "t4"."reporter" IN (
              'AUT',
              'BEL',
              'BGR',
              'CYP',
              'CZE',
              'DEU',
              'DNK',
              'ESP',
              'EST',
              'FIN',
              'FRA',
              'GRC',
              'HRV',
              'HUN',
              'IRL',
              'ITA',
              'LTU',
              'LUX',
              'LVA',
              'MLT',
              'NLD',
              'POL',
              'PRT',
              'ROU',
              'SVK',
              'SVN',
              'SWE',
              'XB'
            )
          )
        )
        AND "t4"."partner" IN ('bilateral_stand_in_0000')
        THEN 'first'
        WHEN "t4"."reporter" IN ('bilateral_stand_in_0000')
        AND (
          (
            "t4"."partner" = 'EU27_2020'
          )
          OR (
            (
              "t4"."partner" IN ('BEL', 'BLX', 'LUX')
              AND (
                CAST("t4"."year" AS INT) * 100
              ) + COALESCE(CAST("t4"."month" AS INT), 12) BETWEEN 0 AND 199812
            )
            OR "t4"."partner" IN (
              'AUT',
              'BEL',
              'BGR',
              'CYP',
              'CZE',
              'DEU',
              'DNK',
              'ESP',
              'EST',
              'FIN',
              'FRA',
              'GRC',
              'HRV',
              'HUN',
              'IRL',
              'ITA',
              'LTU',
              'LUX',
              'LVA',
              'MLT',
              'NLD',
              'POL',
              'PRT',
              'ROU',
              'SVK',
              'SVN',
              'SWE',
              'XB'
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
              "t0"."year" IN (2022, 2023, 2024)
              AND (
                (
                  "t0"."reporter" IN (
                    'AUT',
                    'BEL',
                    'BGR',
                    'BLX',
                    'CYP',
                    'CZE',
                    'DEU',
                    'DNK',
                    'ESP',
                    'EST',
                    'EU27_2020',
                    'FIN',
                    'FRA',
                    'GRC',
                    'HRV',
                    'HUN',
                    'IRL',
                    'ITA',
                    'LTU',
                    'LUX',
                    'LVA',
                    'MLT',
                    'NLD',
                    'POL',
                    'PRT',
                    'ROU',
                    'SVK',
                    'SVN',
                    'SWE',
                    'XB'
                  )
                  AND "t0"."partner" IN ('bilateral_stand_in_0000')
                )
                OR (
                  "t0"."reporter" IN ('bilateral_stand_in_0000')
                  AND "t0"."partner" IN (
                    'AUT',
                    'BEL',
                    'BGR',
                    'BLX',
                    'CYP',
                    'CZE',
                    'DEU',
                    'DNK',
                    'ESP',
                    'EST',
                    'EU27_2020',
                    'FIN',
                    'FRA',
                    'GRC',
                    'HRV',
                    'HUN',
                    'IRL',
                    'ITA',
                    'LTU',
                    'LUX',
                    'LVA',
                    'MLT',
                    'NLD',
                    'POL',
                    'PRT',
                    'ROU',
                    'SVK',
                    'SVN',
                    'SWE',
                    'XB'
                  )
                )
              )
          ) AS "t1"
        ) AS "t2"
      ) AS "t3"
    ) AS "t4"
  ) AS "t5"
  WHERE
    "t5"."side" IS NOT NULL
)
SELECT
  "t16"."source",
  "t16"."side",
  "t16"."flow",
  "t16"."year",
  "t16"."month",
  "t16"."reporter",
  SUM("t16"."unconverted") AS "unconverted",
  COUNT("t16"."reporter") AS "reporters",
  ARRAY_AGG("t16"."reporter") FILTER(WHERE
    "t16"."reporter" IS NOT NULL) AS "members",
  SUM("t16"."value") AS "value",
  SUM("t16"."confidential_value") AS "confidential_value",
  LIST_MIN(ARRAY_AGG("t16"."currency") FILTER(WHERE
    "t16"."currency" IS NOT NULL)) AS "currency",
  LIST_MAX(ARRAY_AGG("t16"."vintage") FILTER(WHERE
    "t16"."vintage" IS NOT NULL)) AS "vintage",
  MIN("t16"."months") AS "months",
  BOOL_OR(CAST("t16"."annual" AS BOOLEAN)) AS "annual",
  BOOL_OR(CAST("t16"."synthetic" AS BOOLEAN)) AS "synthetic",
  BOOL_OR(CAST("t16"."reconciled" AS BOOLEAN)) AS "reconciled",
  BOOL_OR(CAST("t16"."file_dated" AS BOOLEAN)) AS "file_dated",
  MIN("t16"."product_level") AS "product_level"
FROM (
  SELECT
    "t15"."source",
    "t15"."side",
    "t15"."flow",
    "t15"."year",
    "t15"."month",
    "t15"."reporter",
    SUM(CAST("t15"."unconverted" AS INT)) AS "unconverted",
    SUM("t15"."value") AS "value",
    SUM("t15"."confidential_value") AS "confidential_value",
    LIST_MIN(ARRAY_AGG("t15"."currency") FILTER(WHERE
      "t15"."currency" IS NOT NULL)) AS "currency",
    LIST_MAX(ARRAY_AGG("t15"."vintage") FILTER(WHERE
      "t15"."vintage" IS NOT NULL)) AS "vintage",
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
    BOOL_OR(CAST(CONTAINS(COALESCE("t15"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
    BOOL_OR(CAST(CONTAINS(COALESCE("t15"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated",
    MIN("t15"."product_level") AS "product_level"
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
      "t14"."level_rank",
      FALSE AS "unconverted"
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
          "t8"."value",
          "t8"."confidential_value",
          "t8"."quantity_kg",
          "t8"."rows",
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
    3,
    4,
    5,
    6
) AS "t16"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
