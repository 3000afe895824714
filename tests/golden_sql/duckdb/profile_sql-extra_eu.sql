-- bilateral.query.profile.profile_sql(group(EXT_EU27_2020), country(0000), (2023, 2024), from_flows=False, dialect='duckdb')
SELECT
  "t11"."source",
  "t11"."side",
  "t11"."flow",
  "t11"."year",
  "t11"."month",
  "t11"."reporter",
  SUM("t11"."unconverted") AS "unconverted",
  COUNT("t11"."reporter") AS "reporters",
  ARRAY_AGG("t11"."reporter") FILTER(WHERE
    "t11"."reporter" IS NOT NULL) AS "members",
  SUM("t11"."value") AS "value",
  SUM("t11"."confidential_value") AS "confidential_value",
  MIN("t11"."currency") AS "currency",
  MAX("t11"."vintage") AS "vintage",
  MIN("t11"."months") AS "months",
  BOOL_OR(CAST("t11"."annual" AS BOOLEAN)) AS "annual",
  BOOL_OR(CAST("t11"."synthetic" AS BOOLEAN)) AS "synthetic",
  BOOL_OR(CAST("t11"."reconciled" AS BOOLEAN)) AS "reconciled",
  BOOL_OR(CAST("t11"."file_dated" AS BOOLEAN)) AS "file_dated",
  MIN("t11"."product_level") AS "product_level"
FROM (
  SELECT
    "t10"."source",
    "t10"."side",
    "t10"."flow",
    "t10"."year",
    "t10"."month",
    "t10"."reporter",
    SUM(CAST("t10"."unconverted" AS INT)) AS "unconverted",
    SUM("t10"."value") AS "value",
    SUM("t10"."confidential_value") AS "confidential_value",
    MIN("t10"."currency") AS "currency",
    MAX("t10"."vintage") AS "vintage",
    COUNT(DISTINCT "t10"."month") AS "months",
    BOOL_OR(CAST("t10"."month" IS NULL AS BOOLEAN)) AS "annual",
    BOOL_OR(CAST(CONTAINS(COALESCE("t10"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
    BOOL_OR(CAST(CONTAINS(COALESCE("t10"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
    BOOL_OR(CAST(CONTAINS(COALESCE("t10"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated",
    MIN("t10"."product_level") AS "product_level"
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
      "t9"."side",
      "t9"."level_rank",
      FALSE AS "unconverted"
    FROM (
      SELECT
        "t8".*
        EXCLUDE ("_members_rank", "_monthly_only", "_top_level", "_top_members")
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
            "t6"."value",
            "t6"."confidential_value",
            "t6"."quantity_kg",
            "t6"."rows",
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
            ) AS "_top_level",
            CASE
              WHEN "t6"."side" = 'first'
              THEN (
                CAST(NOT (
                  TRUE AND (
                    "t6"."reporter" = 'EXT_EU27_2020'
                  )
                ) AS TINYINT) * 2
              ) + CAST(NOT (
                FALSE AND (
                  "t6"."partner" = 'bilateral_stand_in_0000'
                )
              ) AS TINYINT)
              ELSE (
                CAST(NOT (
                  FALSE AND (
                    "t6"."reporter" = 'bilateral_stand_in_0000'
                  )
                ) AS TINYINT) * 2
              ) + CAST(NOT (
                TRUE AND (
                  "t6"."partner" = 'EXT_EU27_2020'
                )
              ) AS TINYINT)
            END AS "_members_rank",
            MIN(
              CASE
                WHEN "t6"."side" = 'first'
                THEN (
                  CAST(NOT (
                    TRUE AND (
                      "t6"."reporter" = 'EXT_EU27_2020'
                    )
                  ) AS TINYINT) * 2
                ) + CAST(NOT (
                  FALSE AND (
                    "t6"."partner" = 'bilateral_stand_in_0000'
                  )
                ) AS TINYINT)
                ELSE (
                  CAST(NOT (
                    FALSE AND (
                      "t6"."reporter" = 'bilateral_stand_in_0000'
                    )
                  ) AS TINYINT) * 2
                ) + CAST(NOT (
                  TRUE AND (
                    "t6"."partner" = 'EXT_EU27_2020'
                  )
                ) AS TINYINT)
              END
            ) OVER (
              PARTITION BY "t6"."source", "t6"."side", "t6"."flow", "t6"."year"
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "_top_members"
          FROM (
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
                      "t4"."reporter" = 'EXT_EU27_2020'
                    )
                    OR (
                      NOT (
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
                          'WORLD',
                          'QR',
                          'QV',
                          'QY'
                        )
                      )
                      AND NOT (
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
                  )
                  AND "t4"."partner" IN ('bilateral_stand_in_0000')
                  THEN 'first'
                  WHEN "t4"."reporter" IN ('bilateral_stand_in_0000')
                  AND (
                    (
                      "t4"."partner" = 'EXT_EU27_2020'
                    )
                    OR (
                      NOT (
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
                          'WORLD',
                          'QR',
                          'QV',
                          'QY'
                        )
                      )
                      AND NOT (
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
          ) AS "t6"
        ) AS "t7"
        WHERE
          (
            (
              "t7"."month" IS NULL
            ) OR "t7"."_monthly_only"
          )
          AND "t7"."level_rank" = "t7"."_top_level"
          AND "t7"."_members_rank" = "t7"."_top_members"
      ) AS "t8"
    ) AS "t9"
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
  4,
  5,
  6
