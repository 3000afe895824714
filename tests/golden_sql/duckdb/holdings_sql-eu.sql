-- bilateral.query.missing.holdings_sql(group(EU27_2020), country(0000), dialect='duckdb')
SELECT
  *
FROM (
  SELECT
    "t1"."source",
    "t1"."year",
    "t1"."product_level"
  FROM (
    SELECT
      *
    FROM "rollup_totals" AS "t0"
    WHERE
      (
        (
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
        AND "t0"."partner" IN ('bilateral_stand_in_0000')
      )
      OR (
        "t0"."reporter" IN ('bilateral_stand_in_0000')
        AND (
          (
            "t0"."partner" = 'EU27_2020'
          )
          OR (
            (
              "t0"."partner" IN ('BEL', 'BLX', 'LUX')
              AND (
                CAST("t0"."year" AS INT) * 100
              ) + COALESCE(CAST("t0"."month" AS INT), 12) BETWEEN 0 AND 199812
            )
            OR "t0"."partner" IN (
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
  ) AS "t1"
  GROUP BY
    1,
    2,
    3
) AS "t2"
ORDER BY
  "t2"."source" ASC,
  "t2"."year" ASC,
  "t2"."product_level" ASC
