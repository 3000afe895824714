-- bilateral.query.profile.profile_sql(country(0000), country(0001), (2023, 2024), from_flows=True, dialect='duckdb')
WITH "t8" AS (
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
    END AS "level_rank",
    "t7"."month" IS NULL AS "_annual"
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
)
SELECT
  "t16"."source",
  "t16"."side",
  "t16"."flow",
  "t16"."year",
  "t16"."month",
  "t16"."reporter",
  SUM("t16"."unconverted") AS "unconverted",
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
      "t14"."currency",
      "t14"."flags",
      "t14"."vintage",
      "t14"."side",
      "t14"."level_rank",
      FALSE AS "unconverted"
    FROM (
      SELECT
        "t13".*
        EXCLUDE ("_annual")
      FROM (
        SELECT
          "t10"."source",
          "t10"."reporter",
          "t10"."partner",
          "t10"."flow",
          "t10"."year",
          "t10"."month",
          "t10"."product_level",
          "t10"."value",
          "t10"."confidential_value",
          "t10"."currency",
          "t10"."flags",
          "t10"."vintage",
          "t10"."side",
          "t10"."level_rank",
          "t10"."_annual"
        FROM "t8" AS "t10"
        SEMI JOIN (
          SELECT
            "t9"."source",
            "t9"."side",
            "t9"."flow",
            "t9"."year",
            "t9"."reporter",
            "t9"."partner",
            MIN("t9"."level_rank") AS "level_rank",
            BOOL_OR(CAST("t9"."_annual" AS BOOLEAN)) AS "_annual"
          FROM "t8" AS "t9"
          GROUP BY
            1,
            2,
            3,
            4,
            5,
            6
        ) AS "t12"
          ON "t10"."source" IS NOT DISTINCT FROM "t12"."source"
          AND "t10"."side" IS NOT DISTINCT FROM "t12"."side"
          AND "t10"."flow" IS NOT DISTINCT FROM "t12"."flow"
          AND "t10"."year" IS NOT DISTINCT FROM "t12"."year"
          AND "t10"."reporter" IS NOT DISTINCT FROM "t12"."reporter"
          AND "t10"."partner" IS NOT DISTINCT FROM "t12"."partner"
          AND "t10"."level_rank" = "t12"."level_rank"
          AND "t10"."_annual" = "t12"."_annual"
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
