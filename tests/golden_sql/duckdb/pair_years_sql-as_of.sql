-- bilateral.query.profile.pair_years_sql(country(0000), country(0001), from_flows=True, dialect='duckdb')
SELECT
  *
FROM (
  SELECT
    "t3"."year"
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
        SUM("t1"."value") AS "value",
        SUM(
          CASE
            WHEN CONTAINS(COALESCE("t1"."flags", ''), 'confidential')
            THEN "t1"."value"
            ELSE 0.0
          END
        ) AS "confidential_value",
        MIN("t1"."currency") AS "currency",
        LISTAGG(COALESCE("t1"."flags", ''), ',') AS "flags",
        MAX("t1"."vintage") AS "vintage"
      FROM (
        SELECT
          "t0"."source",
          "t0"."reporter",
          "t0"."partner",
          "t0"."flow",
          "t0"."year",
          "t0"."month",
          "t0"."product",
          "t0"."product_scheme",
          "t0"."product_cpa",
          "t0"."value",
          "t0"."currency",
          "t0"."quantity_kg",
          "t0"."flags",
          "t0"."trade_type",
          "t0"."stat_procedure",
          "t0"."vintage",
          "t0"."value_cif",
          "t0"."value_fob",
          CASE
            WHEN "t0"."product_scheme" = 'TOTAL'
            THEN 'TOTAL'
            WHEN STARTS_WITH("t0"."product_scheme", 'CN')
            THEN 'CN8'
            WHEN REGEXP_MATCHES("t0"."product_scheme", '^HS[0-9]{4}$')
            THEN 'HS6'
            ELSE "t0"."product_scheme"
          END AS "product_level"
        FROM "flows" AS "t0"
      ) AS "t1"
      GROUP BY
        1,
        2,
        3,
        4,
        5,
        6,
        7
    ) AS "t2"
    WHERE
      (
        "t2"."reporter" IN ('bilateral_stand_in_0000')
        AND "t2"."partner" IN ('bilateral_stand_in_0001')
      )
      OR (
        "t2"."reporter" IN ('bilateral_stand_in_0001')
        AND "t2"."partner" IN ('bilateral_stand_in_0000')
      )
  ) AS "t3"
  GROUP BY
    1
) AS "t4"
ORDER BY
  "t4"."year" ASC
