-- bilateral.query.profile.profile_sql(country(0000), country(0001), (2023, 2024), from_flows=True, dialect='duckdb')
SELECT
  "t13"."source",
  "t13"."side",
  "t13"."flow",
  "t13"."year",
  "t13"."month",
  "t13"."reporter",
  SUM("t13"."unconverted") AS "unconverted",
  SUM("t13"."value") AS "value",
  SUM("t13"."confidential_value") AS "confidential_value",
  MIN("t13"."currency") AS "currency",
  MAX("t13"."vintage") AS "vintage",
  MIN("t13"."months") AS "months",
  BOOL_OR(CAST("t13"."annual" AS BOOLEAN)) AS "annual",
  BOOL_OR(CAST("t13"."synthetic" AS BOOLEAN)) AS "synthetic",
  BOOL_OR(CAST("t13"."reconciled" AS BOOLEAN)) AS "reconciled",
  BOOL_OR(CAST("t13"."file_dated" AS BOOLEAN)) AS "file_dated",
  MIN("t13"."product_level") AS "product_level"
FROM (
  SELECT
    "t12"."source",
    "t12"."side",
    "t12"."flow",
    "t12"."year",
    "t12"."month",
    "t12"."reporter",
    SUM(CAST("t12"."unconverted" AS INT)) AS "unconverted",
    SUM("t12"."value") AS "value",
    SUM("t12"."confidential_value") AS "confidential_value",
    MIN("t12"."currency") AS "currency",
    MAX("t12"."vintage") AS "vintage",
    COUNT(DISTINCT "t12"."month") AS "months",
    BOOL_OR(CAST("t12"."month" IS NULL AS BOOLEAN)) AS "annual",
    BOOL_OR(CAST(CONTAINS(COALESCE("t12"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic",
    BOOL_OR(CAST(CONTAINS(COALESCE("t12"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
    BOOL_OR(CAST(CONTAINS(COALESCE("t12"."flags", ''), 'file_dated') AS BOOLEAN)) AS "file_dated",
    MIN("t12"."product_level") AS "product_level"
  FROM (
    SELECT
      "t11"."source",
      "t11"."reporter",
      "t11"."partner",
      "t11"."flow",
      "t11"."year",
      "t11"."month",
      "t11"."product_level",
      "t11"."value",
      "t11"."confidential_value",
      "t11"."currency",
      "t11"."flags",
      "t11"."vintage",
      "t11"."side",
      "t11"."level_rank",
      FALSE AS "unconverted"
    FROM (
      SELECT
        "t10".*
        EXCLUDE ("_monthly_only", "_top_level")
      FROM (
        SELECT
          *
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
            "t8"."currency",
            "t8"."flags",
            "t8"."vintage",
            "t8"."side",
            "t8"."level_rank",
            NOT (
              BOOL_OR(CAST("t8"."month" IS NULL AS BOOLEAN)) OVER (
                PARTITION BY "t8"."source", "t8"."side", "t8"."flow", "t8"."year", "t8"."reporter", "t8"."partner"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              )
            ) AS "_monthly_only",
            MIN("t8"."level_rank") OVER (
              PARTITION BY "t8"."source", "t8"."side", "t8"."flow", "t8"."year", "t8"."reporter", "t8"."partner"
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "_top_level"
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
              "t7"."currency",
              "t7"."flags",
              "t7"."vintage",
              "t7"."side",
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
              END AS "level_rank"
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
                "t6"."currency",
                "t6"."flags",
                "t6"."vintage",
                CASE
                  WHEN "t6"."reporter" IN ('bilateral_stand_in_0000')
                  AND "t6"."partner" IN ('bilateral_stand_in_0001')
                  THEN 'first'
                  WHEN "t6"."reporter" IN ('bilateral_stand_in_0001')
                  AND "t6"."partner" IN ('bilateral_stand_in_0000')
                  THEN 'second'
                  ELSE NULL
                END AS "side"
              FROM (
                SELECT
                  "t5".*
                  EXCLUDE ("_copy")
                FROM (
                  SELECT
                    "t4"."source",
                    CASE WHEN "t4"."_copy" THEN "t4"."partner" ELSE "t4"."reporter" END AS "reporter",
                    CASE WHEN "t4"."_copy" THEN "t4"."reporter" ELSE "t4"."partner" END AS "partner",
                    CAST(CASE
                      WHEN "t4"."_copy"
                      THEN REPLACE("t4"."flow", 'export', 'import')
                      ELSE "t4"."flow"
                    END AS TEXT) AS "flow",
                    "t4"."year",
                    "t4"."month",
                    "t4"."product_level",
                    "t4"."value",
                    "t4"."confidential_value",
                    "t4"."currency",
                    "t4"."flags",
                    "t4"."vintage",
                    "t4"."_copy"
                  FROM (
                    SELECT
                      "t3"."source",
                      "t3"."reporter",
                      "t3"."partner",
                      "t3"."flow",
                      "t3"."year",
                      "t3"."month",
                      "t3"."product_level",
                      "t3"."value",
                      "t3"."confidential_value",
                      "t3"."currency",
                      "t3"."flags",
                      "t3"."vintage",
                      UNNEST(
                        CASE
                          WHEN "t3"."source" IN ('baci')
                          AND (
                            "t3"."flow" = 'export'
                          )
                          AND CONTAINS(COALESCE("t3"."flags", ''), 'reconciled')
                          THEN [FALSE, TRUE]
                          ELSE [FALSE]
                        END
                      ) AS "_copy"
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
                        "t2"."year" IN (2022, 2023, 2024)
                        AND (
                          (
                            "t2"."reporter" IN ('bilateral_stand_in_0000')
                            AND "t2"."partner" IN ('bilateral_stand_in_0001')
                          )
                          OR (
                            "t2"."reporter" IN ('bilateral_stand_in_0001')
                            AND "t2"."partner" IN ('bilateral_stand_in_0000')
                          )
                        )
                    ) AS "t3"
                  ) AS "t4"
                ) AS "t5"
              ) AS "t6"
            ) AS "t7"
            WHERE
              "t7"."side" IS NOT NULL
          ) AS "t8"
        ) AS "t9"
        WHERE
          (
            (
              "t9"."month" IS NULL
            ) OR "t9"."_monthly_only"
          )
          AND "t9"."level_rank" = "t9"."_top_level"
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
) AS "t13"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
