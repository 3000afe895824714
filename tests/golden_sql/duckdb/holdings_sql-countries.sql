-- bilateral.query.missing.holdings_sql(country(0000), country(0001), dialect='duckdb')
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
        "t0"."reporter" IN ('bilateral_stand_in_0000')
        AND "t0"."partner" IN ('bilateral_stand_in_0001')
      )
      OR (
        "t0"."reporter" IN ('bilateral_stand_in_0001')
        AND "t0"."partner" IN ('bilateral_stand_in_0000')
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
