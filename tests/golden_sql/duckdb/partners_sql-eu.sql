-- bilateral.query.partners.partners_sql(group(EU27_2020), 2024, 'export', dialect='duckdb')
SELECT
  "t11"."source",
  "t11"."code",
  "t11"."year",
  "t11"."month",
  "t11"."unconverted",
  "t11"."value",
  "t11"."published",
  "t11"."members",
  "t11"."currency",
  "t11"."vintage",
  "t11"."synthetic",
  "t11"."file_dated",
  "t11"."published_total",
  "t11"."line"
FROM (
  SELECT
    "t10"."source",
    "t10"."code",
    "t10"."year",
    "t10"."month",
    "t10"."line",
    SUM(CAST("t10"."unconverted" AS BIGINT)) AS "unconverted",
    SUM("t10"."value") AS "value",
    BOOL_OR(CAST("t10"."published" AS BOOLEAN)) AS "published",
    ARRAY_AGG("t10"."reporter") FILTER(WHERE
      "t10"."reporter" IS NOT NULL) AS "members",
    MIN("t10"."currency") AS "currency",
    MAX("t10"."vintage") AS "vintage",
    BOOL_OR(CAST(CONTAINS(COALESCE("t10"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
    BOOL_OR(CAST(CONTAINS(COALESCE("t10"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated",
    BOOL_AND(CAST("t10"."product_level" = 'TOTAL' AS BOOLEAN)) AS "published_total"
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
      "t9"."level_rank",
      "t9"."code",
      "t9"."published",
      "t9"."line",
      FALSE AS "unconverted"
    FROM (
      SELECT
        "t8".*
        EXCLUDE ("_top")
      FROM (
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
          "t7"."level_rank",
          "t7"."code",
          "t7"."published" = 1 AS "published",
          "t7"."line",
          "t7"."_top"
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
            "t6"."level_rank",
            "t6"."code",
            CAST("t6"."code" IN ('EU27_2020', 'EXT_EU27_2020', 'WORLD')
            AND (
              "t6"."partner" = "t6"."code"
            ) AS TINYINT) AS "published",
            CASE
              WHEN "t6"."code" IN ('EU27_2020', 'EXT_EU27_2020', 'WORLD')
              THEN 'group'
              ELSE 'partner'
            END AS "line",
            MAX(
              CAST("t6"."code" IN ('EU27_2020', 'EXT_EU27_2020', 'WORLD')
              AND (
                "t6"."partner" = "t6"."code"
              ) AS TINYINT)
            ) OVER (
              PARTITION BY "t6"."source", "t6"."year", "t6"."code"
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "_top"
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
                "t4"."level_rank",
                UNNEST(
                  CAST([
                    CASE
                      WHEN NOT (
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
                      THEN "t4"."partner"
                      ELSE CAST(NULL AS TEXT)
                    END,
                    CASE
                      WHEN (
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
                      THEN 'EU27_2020'
                      ELSE NULL
                    END,
                    CASE
                      WHEN (
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
                      THEN 'EXT_EU27_2020'
                      ELSE NULL
                    END,
                    CASE
                      WHEN (
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
                      THEN 'WORLD'
                      ELSE NULL
                    END
                  ] AS TEXT[])
                ) AS "code"
              FROM (
                SELECT
                  "t3".*
                  EXCLUDE ("_member", "_monthly_only", "_top_level", "_top_member")
                FROM (
                  SELECT
                    *
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
                      "t1"."level_rank",
                      NOT (
                        BOOL_OR(CAST("t1"."month" IS NULL AS BOOLEAN)) OVER (
                          PARTITION BY "t1"."source", "t1"."flow", "t1"."year", "t1"."partner", "t1"."reporter"
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        )
                      ) AS "_monthly_only",
                      MIN("t1"."level_rank") OVER (
                        PARTITION BY "t1"."source", "t1"."flow", "t1"."year", "t1"."partner", "t1"."reporter"
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "_top_level",
                      CAST(NOT (
                        TRUE AND (
                          "t1"."reporter" = 'EU27_2020'
                        )
                      ) AS TINYINT) AS "_member",
                      MIN(CAST(NOT (
                        TRUE AND (
                          "t1"."reporter" = 'EU27_2020'
                        )
                      ) AS TINYINT)) OVER (
                        PARTITION BY "t1"."source", "t1"."flow", "t1"."year", "t1"."partner"
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "_top_member"
                    FROM (
                      SELECT
                        "t0"."source",
                        "t0"."reporter",
                        "t0"."partner",
                        "t0"."flow",
                        "t0"."year",
                        "t0"."month",
                        "t0"."product_level",
                        "t0"."value",
                        "t0"."confidential_value",
                        "t0"."quantity_kg",
                        "t0"."rows",
                        "t0"."currency",
                        "t0"."flags",
                        "t0"."vintage",
                        CASE "t0"."product_level"
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
                      FROM "rollup_totals" AS "t0"
                      WHERE
                        "t0"."flow" = 'export'
                        AND "t0"."year" IN (2023, 2024)
                        AND (
                          (
                            "t0"."reporter" = 'EU27_2020'
                          )
                          OR (
                            (
                              "t0"."reporter" IN ('BEL', 'BLX', 'LUX')
                              AND (
                                CAST("t0"."year" AS INT) * 100
                              ) + COALESCE(CAST("t0"."month" AS INT), 12) BETWEEN 0 AND 199812
                            )
                            OR "t0"."reporter" IN (
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
                    ) AS "t1"
                  ) AS "t2"
                  WHERE
                    (
                      (
                        "t2"."month" IS NULL
                      ) OR "t2"."_monthly_only"
                    )
                    AND "t2"."level_rank" = "t2"."_top_level"
                    AND "t2"."_member" = "t2"."_top_member"
                ) AS "t3"
              ) AS "t4"
            ) AS "t5"
            WHERE
              "t5"."code" IS NOT NULL
          ) AS "t6"
        ) AS "t7"
        WHERE
          "t7"."published" = "t7"."_top"
      ) AS "t8"
    ) AS "t9"
  ) AS "t10"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t11"
