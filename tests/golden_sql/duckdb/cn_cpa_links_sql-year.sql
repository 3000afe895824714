-- bilateral.query.links.cn_cpa_links_sql(2024, dialect='duckdb')
SELECT
  "t3"."year",
  "t3"."product" AS "cn8",
  "t3"."product_cpa" AS "cpa",
  "t3"."value",
  "t3"."rows",
  "t3"."sources",
  "t3"."share"
FROM (
  SELECT
    "t2"."year",
    "t2"."product",
    "t2"."product_cpa",
    "t2"."value",
    "t2"."rows",
    "t2"."sources",
    "t2"."value" / SUM("t2"."value") OVER (
      PARTITION BY "t2"."year", "t2"."product"
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS "share"
  FROM (
    SELECT
      "t1"."year",
      "t1"."product",
      "t1"."product_cpa",
      SUM("t1"."value") AS "value",
      SUM("t1"."rows") AS "rows",
      COUNT(DISTINCT "t1"."source") AS "sources"
    FROM (
      SELECT
        *
      FROM "product_links" AS "t0"
      WHERE
        "t0"."year" = 2024
    ) AS "t1"
    GROUP BY
      1,
      2,
      3
  ) AS "t2"
) AS "t3"
ORDER BY
  "t3"."year" ASC,
  "t3"."product" ASC,
  "t3"."product_cpa" ASC
