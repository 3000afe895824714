-- bilateral.query.mirror.unallocated_sql(country(0000), country(0001), (2023, 2024), dialect='duckdb')
SELECT
  "t11"."source",
  "t11"."flow",
  "t11"."year",
  "t11"."total",
  "t11"."unallocated",
  "t11"."side"
FROM (
  SELECT
    "t10"."source",
    "t10"."flow",
    "t10"."year",
    "t10"."side",
    SUM("t10"."value") AS "total",
    SUM(
      CASE
        WHEN "t10"."partner" IN ('QU', 'QV', 'QW', 'QX', 'QY', 'QZ')
        THEN "t10"."value"
        ELSE 0.0
      END
    ) AS "unallocated"
  FROM (
    SELECT
      *
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
                PARTITION BY "t6"."source", "t6"."side", "t6"."flow", "t6"."year", "t6"."partner", "t6"."reporter"
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              )
            ) AS "_monthly_only",
            MIN("t6"."level_rank") OVER (
              PARTITION BY "t6"."source", "t6"."side", "t6"."flow", "t6"."year", "t6"."partner", "t6"."reporter"
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "_top_level",
            CASE
              WHEN "t6"."side" = 'first'
              THEN (
                CAST(NOT (
                  FALSE AND (
                    "t6"."reporter" = 'bilateral_stand_in_0000'
                  )
                ) AS TINYINT) * 2
              ) + CAST(NOT (
                TRUE AND (
                  "t6"."partner" = 'WORLD'
                )
              ) AS TINYINT)
              ELSE (
                CAST(NOT (
                  FALSE AND (
                    "t6"."reporter" = 'bilateral_stand_in_0001'
                  )
                ) AS TINYINT) * 2
              ) + CAST(NOT (
                TRUE AND (
                  "t6"."partner" = 'WORLD'
                )
              ) AS TINYINT)
            END AS "_members_rank",
            MIN(
              CASE
                WHEN "t6"."side" = 'first'
                THEN (
                  CAST(NOT (
                    FALSE AND (
                      "t6"."reporter" = 'bilateral_stand_in_0000'
                    )
                  ) AS TINYINT) * 2
                ) + CAST(NOT (
                  TRUE AND (
                    "t6"."partner" = 'WORLD'
                  )
                ) AS TINYINT)
                ELSE (
                  CAST(NOT (
                    FALSE AND (
                      "t6"."reporter" = 'bilateral_stand_in_0001'
                    )
                  ) AS TINYINT) * 2
                ) + CAST(NOT (
                  TRUE AND (
                    "t6"."partner" = 'WORLD'
                  )
                ) AS TINYINT)
              END
            ) OVER (
              PARTITION BY "t6"."source", "t6"."side", "t6"."flow", "t6"."year", "t6"."partner"
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
                UNNEST(
                  CAST([
                    CASE
                      WHEN "t4"."reporter" IN ('bilateral_stand_in_0000')
                      AND (
                        (
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
                      )
                      THEN 'first'
                      ELSE CAST(NULL AS TEXT)
                    END,
                    CASE
                      WHEN "t4"."reporter" IN ('bilateral_stand_in_0001')
                      AND (
                        (
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
                      )
                      THEN 'second'
                      ELSE CAST(NULL AS TEXT)
                    END
                  ] AS TEXT[])
                ) AS "side"
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
                        "t0"."year" IN (2023, 2024)
                        AND (
                          "t0"."reporter" IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
                          OR "t0"."partner" IN ('bilateral_stand_in_0000', 'bilateral_stand_in_0001')
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
    WHERE
      "t9"."partner" <> 'WORLD'
  ) AS "t10"
  GROUP BY
    1,
    2,
    3,
    4
) AS "t11"
