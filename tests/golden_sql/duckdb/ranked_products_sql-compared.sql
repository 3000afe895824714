-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'import', 20, 2019, dialect='duckdb')
WITH "t6" AS (
  SELECT
    "t5"."source",
    "t5"."reporter",
    "t5"."partner",
    "t5"."flow",
    "t5"."year",
    "t5"."month",
    "t5"."product_level",
    "t5"."code",
    "t5"."product_scheme",
    "t5"."value",
    "t5"."confidential_value",
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
    "t5"."month" IS NULL AS "_annual"
  FROM (
    SELECT
      "t4"."source",
      "t4"."reporter",
      "t4"."partner",
      "t4"."flow",
      "t4"."year",
      "t4"."month",
      "t4"."product_level",
      "t4"."code",
      "t4"."product_scheme",
      "t4"."value",
      "t4"."confidential_value",
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
          CAST(CASE
            WHEN "t2"."_copy"
            THEN REPLACE("t2"."flow", 'export', 'import')
            ELSE "t2"."flow"
          END AS TEXT) AS "flow",
          "t2"."year",
          "t2"."month",
          "t2"."product_level",
          "t2"."code",
          "t2"."product_scheme",
          "t2"."value",
          "t2"."confidential_value",
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
            "t1"."code",
            "t1"."product_scheme",
            "t1"."value",
            "t1"."confidential_value",
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
              "t0"."source",
              "t0"."reporter",
              "t0"."partner",
              "t0"."flow",
              "t0"."year",
              "t0"."month",
              CASE
                WHEN "t0"."product_scheme" = 'TOTAL'
                THEN 'TOTAL'
                WHEN STARTS_WITH("t0"."product_scheme", 'CN')
                THEN 'CN8'
                WHEN REGEXP_MATCHES("t0"."product_scheme", '^HS[0-9]{4}$')
                THEN 'HS6'
                ELSE "t0"."product_scheme"
              END AS "product_level",
              CASE
                WHEN CONTAINS(
                  SUBSTRING(
                    "t0"."product",
                    CASE WHEN (
                      0 + 1
                    ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t0"."product") END,
                    6
                  ),
                  'X'
                )
                THEN "t0"."product"
                ELSE SUBSTRING(
                  "t0"."product",
                  CASE WHEN (
                    0 + 1
                  ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t0"."product") END,
                  6
                )
              END AS "code",
              "t0"."product_scheme",
              "t0"."value",
              CASE
                WHEN CONTAINS(COALESCE("t0"."flags", ''), 'confidential')
                THEN "t0"."value"
                ELSE 0.0
              END AS "confidential_value",
              "t0"."currency",
              "t0"."flags",
              "t0"."vintage"
            FROM "flows" AS "t0"
            WHERE
              CASE
                WHEN "t0"."product_scheme" = 'TOTAL'
                THEN 'TOTAL'
                WHEN STARTS_WITH("t0"."product_scheme", 'CN')
                THEN 'CN8'
                WHEN REGEXP_MATCHES("t0"."product_scheme", '^HS[0-9]{4}$')
                THEN 'HS6'
                ELSE "t0"."product_scheme"
              END IN ('CN8', 'HS6')
              AND "t0"."year" IN (2019, 2023, 2024)
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
    AND (
      (
        (
          "t5"."side" = 'first'
        ) AND (
          "t5"."flow" = 'import'
        )
      )
      OR (
        (
          "t5"."side" = 'second'
        ) AND (
          "t5"."flow" = 'export'
        )
      )
    )
)
SELECT
  "t23"."kind",
  "t23"."source",
  "t23"."side",
  "t23"."year",
  "t23"."key",
  "t23"."rank",
  "t23"."value",
  "t23"."codes",
  "t23"."scheme",
  "t23"."member",
  "t23"."month",
  "t23"."currency",
  "t23"."vintage",
  "t23"."file_dated",
  "t23"."synthetic",
  "t23"."confidential",
  "t23"."unconverted",
  CAST("t23"."reporters" AS BIGINT) AS "reporters",
  "t23"."total",
  "t23"."before",
  "t23"."codes_before"
FROM (
  SELECT
    "t22".*
    EXCLUDE ("count", "order")
  FROM (
    SELECT
      "t21"."kind",
      "t21"."source",
      "t21"."side",
      "t21"."year",
      "t21"."key",
      "t21"."member",
      "t21"."month",
      "t21"."currency",
      "t21"."vintage",
      "t21"."file_dated",
      "t21"."value",
      "t21"."before",
      CASE WHEN "t21"."kind" = 'change' THEN "t21"."count" ELSE "t21"."codes" END AS "codes",
      "t21"."codes_before",
      CASE WHEN "t21"."kind" = 'change' THEN "t21"."order" ELSE "t21"."rank" END AS "rank",
      "t21"."scheme",
      "t21"."confidential",
      "t21"."reporters",
      "t21"."synthetic",
      "t21"."unconverted",
      "t21"."order",
      "t21"."count",
      CASE WHEN "t21"."kind" = 'change' THEN "t21"."total" ELSE CAST(NULL AS DOUBLE) END AS "total"
    FROM (
      SELECT
        "t20"."kind",
        "t20"."source",
        "t20"."side",
        "t20"."year",
        "t20"."key",
        "t20"."member",
        "t20"."month",
        "t20"."currency",
        "t20"."vintage",
        "t20"."file_dated",
        "t20"."value",
        "t20"."before",
        "t20"."codes",
        "t20"."codes_before",
        "t20"."rank",
        "t20"."scheme",
        "t20"."confidential",
        "t20"."reporters",
        "t20"."synthetic",
        "t20"."unconverted",
        ROW_NUMBER() OVER (
          PARTITION BY "t20"."kind", "t20"."source", "t20"."side", "t20"."year"
          ORDER BY "t20"."value" DESC, "t20"."key" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) - 1 AS "order",
        COUNT("t20"."key") OVER (
          PARTITION BY "t20"."kind", "t20"."source", "t20"."side", "t20"."year"
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) AS "count",
        SUM("t20"."value") OVER (
          PARTITION BY "t20"."kind", "t20"."source", "t20"."side", "t20"."year"
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) AS "total"
      FROM (
        SELECT
          "t19"."kind",
          "t19"."source",
          "t19"."side",
          "t19"."year",
          "t19"."key",
          "t19"."member",
          "t19"."month",
          "t19"."currency",
          "t19"."vintage",
          "t19"."file_dated",
          "t19"."value",
          "t19"."before",
          CASE WHEN "t19"."kind" = 'line' THEN "t19"."codes" ELSE CAST(NULL AS BIGINT) END AS "codes",
          CASE
            WHEN "t19"."kind" = 'line'
            THEN "t19"."codes_before"
            ELSE CAST(NULL AS BIGINT)
          END AS "codes_before",
          "t19"."rank",
          "t19"."scheme",
          "t19"."confidential",
          "t19"."reporters",
          "t19"."synthetic",
          "t19"."unconverted"
        FROM (
          SELECT
            "t18"."kind",
            "t18"."source",
            "t18"."side",
            "t18"."year",
            "t18"."key",
            "t18"."member",
            "t18"."month",
            "t18"."currency",
            "t18"."vintage",
            "t18"."file_dated",
            SUM("t18"."value") AS "value",
            SUM("t18"."before") AS "before",
            COUNT("t18"."code") AS "codes",
            COUNT("t18"."before") AS "codes_before",
            MIN("t18"."rank") AS "rank",
            LIST_MAX(ARRAY_AGG("t18"."scheme") FILTER(WHERE
              "t18"."scheme" IS NOT NULL)) AS "scheme",
            SUM("t18"."confidential") AS "confidential",
            MAX("t18"."reporters") AS "reporters",
            BOOL_OR(CAST("t18"."synthetic" AS BOOLEAN)) AS "synthetic",
            SUM("t18"."unconverted") AS "unconverted"
          FROM (
            SELECT
              "t17"."source",
              "t17"."side",
              "t17"."part"."kind" AS "kind",
              CASE
                WHEN "t17"."part"."kind" = 'change'
                THEN CASE
                  WHEN (
                    "t17"."now" IS NOT NULL
                  )
                  AND (
                    "t17"."now" <> 0
                  )
                  AND NOT (
                    (
                      "t17"."then" IS NOT NULL
                    ) AND (
                      "t17"."then" <> 0
                    )
                  )
                  THEN 2024
                  ELSE 2019
                END
                ELSE CASE WHEN "t17"."part"."kind" = 'held' THEN "t17"."part"."year" ELSE 2024 END
              END AS "year",
              CASE WHEN "t17"."part"."kind" = 'change' THEN "t17"."code" ELSE "t17"."key" END AS "key",
              "t17"."part"."member" AS "member",
              "t17"."part"."month" AS "month",
              CASE
                WHEN "t17"."part"."kind" = 'change'
                THEN CASE
                  WHEN (
                    "t17"."now" IS NOT NULL
                  )
                  AND (
                    "t17"."now" <> 0
                  )
                  AND NOT (
                    (
                      "t17"."then" IS NOT NULL
                    ) AND (
                      "t17"."then" <> 0
                    )
                  )
                  THEN "t17"."now"
                  ELSE "t17"."then"
                END
                ELSE CASE
                  WHEN "t17"."part"."kind" = 'held'
                  THEN "t17"."part"."value"
                  ELSE "t17"."now"
                END
              END AS "value",
              CASE
                WHEN "t17"."part"."kind" = 'change'
                THEN CASE
                  WHEN (
                    "t17"."now" IS NOT NULL
                  )
                  AND (
                    "t17"."now" <> 0
                  )
                  AND NOT (
                    (
                      "t17"."then" IS NOT NULL
                    ) AND (
                      "t17"."then" <> 0
                    )
                  )
                  THEN "t17"."scheme"
                  ELSE "t17"."scheme_then"
                END
                ELSE CASE
                  WHEN "t17"."part"."kind" = 'line'
                  THEN "t17"."scheme"
                  ELSE CAST(NULL AS TEXT)
                END
              END AS "scheme",
              "t17"."part"."synthetic" AS "synthetic",
              "t17"."part"."unconverted" AS "unconverted",
              CASE
                WHEN "t17"."part"."kind" = 'line'
                THEN "t17"."before"
                ELSE CAST(NULL AS DOUBLE)
              END AS "before",
              CASE WHEN "t17"."part"."kind" = 'line' THEN "t17"."code" ELSE CAST(NULL AS TEXT) END AS "code",
              CASE
                WHEN "t17"."part"."kind" = 'line'
                THEN "t17"."rank"
                ELSE CAST(NULL AS BIGINT)
              END AS "rank",
              CASE
                WHEN "t17"."part"."kind" = 'line'
                THEN "t17"."confidential"
                ELSE CAST(NULL AS DOUBLE)
              END AS "confidential",
              CASE
                WHEN "t17"."part"."kind" = 'line'
                THEN "t17"."reporters"
                ELSE CAST(NULL AS TINYINT)
              END AS "reporters",
              CASE
                WHEN "t17"."part"."kind" = 'line'
                THEN "t17"."currency"
                ELSE CAST(NULL AS TEXT)
              END AS "currency",
              CASE
                WHEN "t17"."part"."kind" = 'line'
                THEN "t17"."vintage"
                ELSE CAST(NULL AS TEXT)
              END AS "vintage",
              CASE
                WHEN "t17"."part"."kind" = 'line'
                THEN "t17"."file_dated"
                ELSE CAST(NULL AS BOOLEAN)
              END AS "file_dated"
            FROM (
              SELECT
                "t16"."source",
                "t16"."side",
                "t16"."code",
                "t16"."now",
                "t16"."before",
                "t16"."scheme",
                "t16"."currency",
                "t16"."vintage",
                "t16"."file_dated",
                "t16"."confidential",
                "t16"."reporters",
                "t16"."cells",
                "t16"."then",
                "t16"."scheme_then",
                "t16"."traded",
                "t16"."hidden",
                "t16"."order",
                "t16"."key",
                "t16"."rank",
                UNNEST(
                  CASE
                    WHEN CAST([
                      {'kind': 'line', 'year': CAST(NULL AS BIGINT), 'member': CAST(NULL AS TEXT), 'month': CAST(NULL AS BIGINT), 'value': CAST(NULL AS DOUBLE), 'synthetic': CAST(NULL AS BOOLEAN), 'unconverted': CAST(NULL AS BIGINT)},
                      {'kind': 'change', 'year': CAST(NULL AS BIGINT), 'member': CAST(NULL AS TEXT), 'month': CAST(NULL AS BIGINT), 'value': CAST(NULL AS DOUBLE), 'synthetic': CAST(NULL AS BOOLEAN), 'unconverted': CAST(NULL AS BIGINT)}
                    ] AS STRUCT(
                      "kind" TEXT,
                      "year" BIGINT,
                      "member" TEXT,
                      "month" BIGINT,
                      "value" DOUBLE,
                      "synthetic" BOOLEAN,
                      "unconverted" BIGINT
                    )[]) IS NULL
                    OR "t16"."cells" IS NULL
                    THEN NULL
                    ELSE LIST_CONCAT(
                      CAST([
                        {'kind': 'line', 'year': CAST(NULL AS BIGINT), 'member': CAST(NULL AS TEXT), 'month': CAST(NULL AS BIGINT), 'value': CAST(NULL AS DOUBLE), 'synthetic': CAST(NULL AS BOOLEAN), 'unconverted': CAST(NULL AS BIGINT)},
                        {'kind': 'change', 'year': CAST(NULL AS BIGINT), 'member': CAST(NULL AS TEXT), 'month': CAST(NULL AS BIGINT), 'value': CAST(NULL AS DOUBLE), 'synthetic': CAST(NULL AS BOOLEAN), 'unconverted': CAST(NULL AS BIGINT)}
                      ] AS STRUCT(
                        "kind" TEXT,
                        "year" BIGINT,
                        "member" TEXT,
                        "month" BIGINT,
                        "value" DOUBLE,
                        "synthetic" BOOLEAN,
                        "unconverted" BIGINT
                      )[]),
                      "t16"."cells"
                    )
                  END
                ) AS "part"
              FROM (
                SELECT
                  "t15"."source",
                  "t15"."side",
                  "t15"."code",
                  "t15"."now",
                  "t15"."before",
                  "t15"."scheme",
                  "t15"."currency",
                  "t15"."vintage",
                  "t15"."file_dated",
                  "t15"."confidential",
                  "t15"."reporters",
                  "t15"."cells",
                  "t15"."then",
                  "t15"."scheme_then",
                  "t15"."traded",
                  "t15"."hidden",
                  "t15"."order",
                  CASE
                    WHEN "t15"."traded"
                    THEN CASE
                      WHEN "t15"."hidden" OR (
                        "t15"."order" < 20
                      )
                      THEN "t15"."code"
                      ELSE 'other'
                    END
                    ELSE CAST(NULL AS TEXT)
                  END AS "key",
                  CASE
                    WHEN "t15"."traded"
                    AND NOT (
                      "t15"."hidden"
                    )
                    AND (
                      CASE
                        WHEN "t15"."hidden" OR (
                          "t15"."order" < 20
                        )
                        THEN "t15"."code"
                        ELSE 'other'
                      END <> 'other'
                    )
                    THEN "t15"."order" + 1
                    ELSE CAST(NULL AS BIGINT)
                  END AS "rank"
                FROM (
                  SELECT
                    "t14"."source",
                    "t14"."side",
                    "t14"."code",
                    "t14"."now",
                    "t14"."before",
                    "t14"."scheme",
                    "t14"."currency",
                    "t14"."vintage",
                    "t14"."file_dated",
                    "t14"."confidential",
                    "t14"."reporters",
                    "t14"."cells",
                    "t14"."then",
                    "t14"."scheme_then",
                    "t14"."now" IS NOT NULL AS "traded",
                    CONTAINS("t14"."code", 'X') AS "hidden",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t14"."source", "t14"."side"
                      ORDER BY NOT (
                        "t14"."now" IS NOT NULL
                      ) OR CONTAINS("t14"."code", 'X') ASC, "t14"."now" DESC, "t14"."code" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "order"
                  FROM (
                    SELECT
                      "t13"."source",
                      "t13"."side",
                      "t13"."code",
                      SUM("t13"."value") FILTER(WHERE
                        "t13"."year" = 2024) AS "now",
                      SUM("t13"."value") FILTER(WHERE
                        "t13"."year" = 2023) AS "before",
                      MAX("t13"."product_scheme") FILTER(WHERE
                        "t13"."year" = 2024) AS "scheme",
                      MIN("t13"."currency") FILTER(WHERE
                        "t13"."year" = 2024) AS "currency",
                      MAX("t13"."vintage") FILTER(WHERE
                        "t13"."year" = 2024) AS "vintage",
                      BOOL_OR(CAST(CONTAINS(COALESCE("t13"."flags", ''), 'file_dated') AS BOOLEAN)) FILTER(WHERE
                        "t13"."year" = 2024) AS "file_dated",
                      SUM("t13"."confidential_value") FILTER(WHERE
                        "t13"."year" = 2024) AS "confidential",
                      1 AS "reporters",
                      ARRAY_AGG(
                        {'kind': 'held', 'year': CAST("t13"."year" AS BIGINT), 'member': "t13"."reporter", 'month': CAST("t13"."month" AS BIGINT), 'value': "t13"."value", 'synthetic': CONTAINS(COALESCE("t13"."flags", ''), 'synthetic'), 'unconverted': "t13"."unconverted"}
                      ) FILTER(WHERE
                        {'kind': 'held', 'year': CAST("t13"."year" AS BIGINT), 'member': "t13"."reporter", 'month': CAST("t13"."month" AS BIGINT), 'value': "t13"."value", 'synthetic': CONTAINS(COALESCE("t13"."flags", ''), 'synthetic'), 'unconverted': "t13"."unconverted"} IS NOT NULL) AS "cells",
                      SUM("t13"."value") FILTER(WHERE
                        "t13"."year" = 2019) AS "then",
                      MAX("t13"."product_scheme") FILTER(WHERE
                        "t13"."year" = 2019) AS "scheme_then"
                    FROM (
                      SELECT
                        "t12"."source",
                        "t12"."reporter",
                        "t12"."partner",
                        "t12"."flow",
                        "t12"."year",
                        "t12"."month",
                        "t12"."product_level",
                        "t12"."code",
                        "t12"."product_scheme",
                        "t12"."value",
                        "t12"."confidential_value",
                        "t12"."currency",
                        "t12"."flags",
                        "t12"."vintage",
                        "t12"."side",
                        "t12"."level_rank",
                        CAST(FALSE AS BIGINT) AS "unconverted"
                      FROM (
                        SELECT
                          "t11".*
                          EXCLUDE ("_annual")
                        FROM (
                          SELECT
                            "t8"."source",
                            "t8"."reporter",
                            "t8"."partner",
                            "t8"."flow",
                            "t8"."year",
                            "t8"."month",
                            "t8"."product_level",
                            "t8"."code",
                            "t8"."product_scheme",
                            "t8"."value",
                            "t8"."confidential_value",
                            "t8"."currency",
                            "t8"."flags",
                            "t8"."vintage",
                            "t8"."side",
                            "t8"."level_rank",
                            "t8"."_annual"
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
                          ) AS "t10"
                            ON "t8"."source" IS NOT DISTINCT FROM "t10"."source"
                            AND "t8"."side" IS NOT DISTINCT FROM "t10"."side"
                            AND "t8"."flow" IS NOT DISTINCT FROM "t10"."flow"
                            AND "t8"."year" IS NOT DISTINCT FROM "t10"."year"
                            AND "t8"."reporter" IS NOT DISTINCT FROM "t10"."reporter"
                            AND "t8"."partner" IS NOT DISTINCT FROM "t10"."partner"
                            AND "t8"."level_rank" = "t10"."level_rank"
                            AND "t8"."_annual" = "t10"."_annual"
                        ) AS "t11"
                      ) AS "t12"
                    ) AS "t13"
                    GROUP BY
                      1,
                      2,
                      3
                  ) AS "t14"
                ) AS "t15"
              ) AS "t16"
            ) AS "t17"
            WHERE
              (
                "t17"."part"."kind" = 'held'
              )
              OR (
                (
                  "t17"."part"."kind" = 'line'
                ) AND "t17"."traded"
              )
              OR (
                (
                  "t17"."part"."kind" = 'change'
                )
                AND NOT (
                  "t17"."hidden"
                )
                AND (
                  (
                    (
                      "t17"."now" IS NOT NULL
                    )
                    AND (
                      "t17"."now" <> 0
                    )
                    AND NOT (
                      (
                        "t17"."then" IS NOT NULL
                      ) AND (
                        "t17"."then" <> 0
                      )
                    )
                  )
                  OR (
                    (
                      "t17"."then" IS NOT NULL
                    )
                    AND (
                      "t17"."then" <> 0
                    )
                    AND NOT (
                      (
                        "t17"."now" IS NOT NULL
                      ) AND (
                        "t17"."now" <> 0
                      )
                    )
                  )
                )
              )
          ) AS "t18"
          GROUP BY
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8,
            9,
            10
        ) AS "t19"
      ) AS "t20"
    ) AS "t21"
    WHERE
      NOT (
        "t21"."kind" = 'change'
      ) OR (
        "t21"."order" < 20
      )
  ) AS "t22"
) AS "t23"
