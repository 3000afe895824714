-- bilateral.query.products_ranked.ranked_products_sql(country(0000), country(0001), 2024, 6, 'import', 20, 2019, dialect='duckdb')
SELECT
  "t20"."kind",
  CAST("t20"."source" AS TEXT) AS "source",
  "t20"."side",
  "t20"."year",
  "t20"."key",
  "t20"."rank",
  "t20"."value",
  "t20"."codes",
  "t20"."scheme",
  "t20"."member",
  "t20"."month",
  "t20"."currency",
  "t20"."vintage",
  "t20"."file_dated",
  "t20"."synthetic",
  "t20"."confidential",
  "t20"."unconverted",
  CAST("t20"."reporters" AS BIGINT) AS "reporters",
  "t20"."total",
  "t20"."before",
  "t20"."codes_before"
FROM (
  SELECT
    "t19".*
    EXCLUDE ("count", "order")
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
      "t18"."value",
      "t18"."before",
      CASE WHEN "t18"."kind" = 'change' THEN "t18"."count" ELSE "t18"."codes" END AS "codes",
      "t18"."codes_before",
      CASE WHEN "t18"."kind" = 'change' THEN "t18"."order" ELSE "t18"."rank" END AS "rank",
      "t18"."scheme",
      "t18"."confidential",
      "t18"."reporters",
      "t18"."synthetic",
      "t18"."unconverted",
      "t18"."order",
      "t18"."count",
      CASE WHEN "t18"."kind" = 'change' THEN "t18"."total" ELSE CAST(NULL AS DOUBLE) END AS "total"
    FROM (
      SELECT
        "t17"."kind",
        "t17"."source",
        "t17"."side",
        "t17"."year",
        "t17"."key",
        "t17"."member",
        "t17"."month",
        "t17"."currency",
        "t17"."vintage",
        "t17"."file_dated",
        "t17"."value",
        "t17"."before",
        "t17"."codes",
        "t17"."codes_before",
        "t17"."rank",
        "t17"."scheme",
        "t17"."confidential",
        "t17"."reporters",
        "t17"."synthetic",
        "t17"."unconverted",
        ROW_NUMBER() OVER (
          PARTITION BY "t17"."kind", "t17"."source", "t17"."side", "t17"."year"
          ORDER BY "t17"."value" DESC, "t17"."key" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) - 1 AS "order",
        COUNT("t17"."key") OVER (
          PARTITION BY "t17"."kind", "t17"."source", "t17"."side", "t17"."year"
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) AS "count",
        SUM("t17"."value") OVER (
          PARTITION BY "t17"."kind", "t17"."source", "t17"."side", "t17"."year"
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) AS "total"
      FROM (
        SELECT
          "t16"."kind",
          "t16"."source",
          "t16"."side",
          "t16"."year",
          "t16"."key",
          "t16"."member",
          "t16"."month",
          "t16"."currency",
          "t16"."vintage",
          "t16"."file_dated",
          "t16"."value",
          "t16"."before",
          CASE WHEN "t16"."kind" = 'line' THEN "t16"."codes" ELSE CAST(NULL AS BIGINT) END AS "codes",
          CASE
            WHEN "t16"."kind" = 'line'
            THEN "t16"."codes_before"
            ELSE CAST(NULL AS BIGINT)
          END AS "codes_before",
          "t16"."rank",
          "t16"."scheme",
          "t16"."confidential",
          "t16"."reporters",
          "t16"."synthetic",
          "t16"."unconverted"
        FROM (
          SELECT
            "t15"."kind",
            "t15"."source",
            "t15"."side",
            "t15"."year",
            "t15"."key",
            "t15"."member",
            "t15"."month",
            "t15"."currency",
            "t15"."vintage",
            "t15"."file_dated",
            SUM("t15"."value") AS "value",
            SUM("t15"."before") AS "before",
            COUNT("t15"."code") AS "codes",
            COUNT("t15"."before") AS "codes_before",
            MIN("t15"."rank") AS "rank",
            MAX("t15"."scheme") AS "scheme",
            SUM("t15"."confidential") AS "confidential",
            MAX("t15"."reporters") AS "reporters",
            BOOL_OR(CAST("t15"."synthetic" AS BOOLEAN)) AS "synthetic",
            SUM("t15"."unconverted") AS "unconverted"
          FROM (
            SELECT
              "t14"."source",
              "t14"."side",
              "t14"."part"."kind" AS "kind",
              CASE
                WHEN "t14"."part"."kind" = 'change'
                THEN CASE
                  WHEN (
                    "t14"."now" IS NOT NULL
                  )
                  AND (
                    "t14"."now" <> 0
                  )
                  AND NOT (
                    (
                      "t14"."then" IS NOT NULL
                    ) AND (
                      "t14"."then" <> 0
                    )
                  )
                  THEN 2024
                  ELSE 2019
                END
                ELSE CASE WHEN "t14"."part"."kind" = 'held' THEN "t14"."part"."year" ELSE 2024 END
              END AS "year",
              CASE WHEN "t14"."part"."kind" = 'change' THEN "t14"."code" ELSE "t14"."key" END AS "key",
              "t14"."part"."member" AS "member",
              "t14"."part"."month" AS "month",
              CASE
                WHEN "t14"."part"."kind" = 'change'
                THEN CASE
                  WHEN (
                    "t14"."now" IS NOT NULL
                  )
                  AND (
                    "t14"."now" <> 0
                  )
                  AND NOT (
                    (
                      "t14"."then" IS NOT NULL
                    ) AND (
                      "t14"."then" <> 0
                    )
                  )
                  THEN "t14"."now"
                  ELSE "t14"."then"
                END
                ELSE CASE
                  WHEN "t14"."part"."kind" = 'held'
                  THEN "t14"."part"."value"
                  ELSE "t14"."now"
                END
              END AS "value",
              CASE
                WHEN "t14"."part"."kind" = 'change'
                THEN CASE
                  WHEN (
                    "t14"."now" IS NOT NULL
                  )
                  AND (
                    "t14"."now" <> 0
                  )
                  AND NOT (
                    (
                      "t14"."then" IS NOT NULL
                    ) AND (
                      "t14"."then" <> 0
                    )
                  )
                  THEN "t14"."scheme"
                  ELSE "t14"."scheme_then"
                END
                ELSE CASE
                  WHEN "t14"."part"."kind" = 'line'
                  THEN "t14"."scheme"
                  ELSE CAST(NULL AS TEXT)
                END
              END AS "scheme",
              "t14"."part"."synthetic" AS "synthetic",
              "t14"."part"."unconverted" AS "unconverted",
              CASE
                WHEN "t14"."part"."kind" = 'line'
                THEN "t14"."before"
                ELSE CAST(NULL AS DOUBLE)
              END AS "before",
              CASE WHEN "t14"."part"."kind" = 'line' THEN "t14"."code" ELSE CAST(NULL AS TEXT) END AS "code",
              CASE
                WHEN "t14"."part"."kind" = 'line'
                THEN "t14"."rank"
                ELSE CAST(NULL AS BIGINT)
              END AS "rank",
              CASE
                WHEN "t14"."part"."kind" = 'line'
                THEN "t14"."confidential"
                ELSE CAST(NULL AS DOUBLE)
              END AS "confidential",
              CASE
                WHEN "t14"."part"."kind" = 'line'
                THEN "t14"."reporters"
                ELSE CAST(NULL AS TINYINT)
              END AS "reporters",
              CASE
                WHEN "t14"."part"."kind" = 'line'
                THEN "t14"."currency"
                ELSE CAST(NULL AS TEXT)
              END AS "currency",
              CASE
                WHEN "t14"."part"."kind" = 'line'
                THEN "t14"."vintage"
                ELSE CAST(NULL AS TEXT)
              END AS "vintage",
              CASE
                WHEN "t14"."part"."kind" = 'line'
                THEN "t14"."file_dated"
                ELSE CAST(NULL AS BOOLEAN)
              END AS "file_dated"
            FROM (
              SELECT
                "t13"."source",
                "t13"."side",
                "t13"."code",
                "t13"."now",
                "t13"."before",
                "t13"."scheme",
                "t13"."currency",
                "t13"."vintage",
                "t13"."file_dated",
                "t13"."confidential",
                "t13"."reporters",
                "t13"."cells",
                "t13"."then",
                "t13"."scheme_then",
                "t13"."traded",
                "t13"."hidden",
                "t13"."order",
                "t13"."key",
                "t13"."rank",
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
                    OR "t13"."cells" IS NULL
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
                      "t13"."cells"
                    )
                  END
                ) AS "part"
              FROM (
                SELECT
                  "t12"."source",
                  "t12"."side",
                  "t12"."code",
                  "t12"."now",
                  "t12"."before",
                  "t12"."scheme",
                  "t12"."currency",
                  "t12"."vintage",
                  "t12"."file_dated",
                  "t12"."confidential",
                  "t12"."reporters",
                  "t12"."cells",
                  "t12"."then",
                  "t12"."scheme_then",
                  "t12"."traded",
                  "t12"."hidden",
                  "t12"."order",
                  CASE
                    WHEN "t12"."traded"
                    THEN CASE
                      WHEN "t12"."hidden" OR (
                        "t12"."order" < 20
                      )
                      THEN "t12"."code"
                      ELSE 'other'
                    END
                    ELSE CAST(NULL AS TEXT)
                  END AS "key",
                  CASE
                    WHEN "t12"."traded"
                    AND NOT (
                      "t12"."hidden"
                    )
                    AND (
                      CASE
                        WHEN "t12"."hidden" OR (
                          "t12"."order" < 20
                        )
                        THEN "t12"."code"
                        ELSE 'other'
                      END <> 'other'
                    )
                    THEN "t12"."order" + 1
                    ELSE CAST(NULL AS BIGINT)
                  END AS "rank"
                FROM (
                  SELECT
                    "t11"."source",
                    "t11"."side",
                    "t11"."code",
                    "t11"."now",
                    "t11"."before",
                    "t11"."scheme",
                    "t11"."currency",
                    "t11"."vintage",
                    "t11"."file_dated",
                    "t11"."confidential",
                    "t11"."reporters",
                    "t11"."cells",
                    "t11"."then",
                    "t11"."scheme_then",
                    "t11"."now" IS NOT NULL AS "traded",
                    CONTAINS("t11"."code", 'X') AS "hidden",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t11"."source", "t11"."side"
                      ORDER BY NOT (
                        "t11"."now" IS NOT NULL
                      ) OR CONTAINS("t11"."code", 'X') ASC, "t11"."now" DESC, "t11"."code" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "order"
                  FROM (
                    SELECT
                      "t10"."source",
                      "t10"."side",
                      "t10"."code",
                      SUM("t10"."value") FILTER(WHERE
                        "t10"."year" = 2024) AS "now",
                      SUM("t10"."value") FILTER(WHERE
                        "t10"."year" = 2023) AS "before",
                      MAX("t10"."product_scheme") FILTER(WHERE
                        "t10"."year" = 2024) AS "scheme",
                      MIN("t10"."currency") FILTER(WHERE
                        "t10"."year" = 2024) AS "currency",
                      MAX("t10"."vintage") FILTER(WHERE
                        "t10"."year" = 2024) AS "vintage",
                      BOOL_OR(CAST(CONTAINS(COALESCE("t10"."flags", ''), 'file_dated') AS BOOLEAN)) FILTER(WHERE
                        "t10"."year" = 2024) AS "file_dated",
                      SUM("t10"."confidential_value") FILTER(WHERE
                        "t10"."year" = 2024) AS "confidential",
                      1 AS "reporters",
                      ARRAY_AGG(
                        {'kind': 'held', 'year': CAST("t10"."year" AS BIGINT), 'member': CAST("t10"."reporter" AS TEXT), 'month': CAST("t10"."month" AS BIGINT), 'value': CAST("t10"."value" AS DOUBLE), 'synthetic': CONTAINS(COALESCE("t10"."flags", ''), 'synthetic'), 'unconverted': "t10"."unconverted"}
                      ) FILTER(WHERE
                        {'kind': 'held', 'year': CAST("t10"."year" AS BIGINT), 'member': CAST("t10"."reporter" AS TEXT), 'month': CAST("t10"."month" AS BIGINT), 'value': CAST("t10"."value" AS DOUBLE), 'synthetic': CONTAINS(COALESCE("t10"."flags", ''), 'synthetic'), 'unconverted': "t10"."unconverted"} IS NOT NULL) AS "cells",
                      SUM("t10"."value") FILTER(WHERE
                        "t10"."year" = 2019) AS "then",
                      MAX("t10"."product_scheme") FILTER(WHERE
                        "t10"."year" = 2019) AS "scheme_then"
                    FROM (
                      SELECT
                        "t9"."source",
                        "t9"."reporter",
                        "t9"."partner",
                        "t9"."flow",
                        "t9"."year",
                        "t9"."month",
                        "t9"."product_level",
                        "t9"."code",
                        "t9"."product_scheme",
                        "t9"."value",
                        "t9"."confidential_value",
                        "t9"."currency",
                        "t9"."flags",
                        "t9"."vintage",
                        "t9"."side",
                        "t9"."level_rank",
                        CAST(FALSE AS BIGINT) AS "unconverted"
                      FROM (
                        SELECT
                          "t8".*
                          EXCLUDE ("_monthly_only", "_top_level")
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
                              "t6"."code",
                              "t6"."product_scheme",
                              "t6"."value",
                              "t6"."confidential_value",
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
                              ) AS "_top_level"
                            FROM (
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
                            ) AS "t6"
                          ) AS "t7"
                          WHERE
                            (
                              (
                                "t7"."month" IS NULL
                              ) OR "t7"."_monthly_only"
                            )
                            AND "t7"."level_rank" = "t7"."_top_level"
                        ) AS "t8"
                      ) AS "t9"
                      WHERE
                        (
                          (
                            "t9"."side" = 'first'
                          ) AND (
                            "t9"."flow" = 'import'
                          )
                        )
                        OR (
                          (
                            "t9"."side" = 'second'
                          ) AND (
                            "t9"."flow" = 'export'
                          )
                        )
                    ) AS "t10"
                    GROUP BY
                      1,
                      2,
                      3
                  ) AS "t11"
                ) AS "t12"
              ) AS "t13"
            ) AS "t14"
            WHERE
              (
                "t14"."part"."kind" = 'held'
              )
              OR (
                (
                  "t14"."part"."kind" = 'line'
                ) AND "t14"."traded"
              )
              OR (
                (
                  "t14"."part"."kind" = 'change'
                )
                AND NOT (
                  "t14"."hidden"
                )
                AND (
                  (
                    (
                      "t14"."now" IS NOT NULL
                    )
                    AND (
                      "t14"."now" <> 0
                    )
                    AND NOT (
                      (
                        "t14"."then" IS NOT NULL
                      ) AND (
                        "t14"."then" <> 0
                      )
                    )
                  )
                  OR (
                    (
                      "t14"."then" IS NOT NULL
                    )
                    AND (
                      "t14"."then" <> 0
                    )
                    AND NOT (
                      (
                        "t14"."now" IS NOT NULL
                      ) AND (
                        "t14"."now" <> 0
                      )
                    )
                  )
                )
              )
          ) AS "t15"
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
        ) AS "t16"
      ) AS "t17"
    ) AS "t18"
    WHERE
      NOT (
        "t18"."kind" = 'change'
      ) OR (
        "t18"."order" < 20
      )
  ) AS "t19"
) AS "t20"
