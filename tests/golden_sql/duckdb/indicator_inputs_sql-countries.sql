-- bilateral.query.pair_indicators.indicator_inputs_sql(country(0000), country(0001), group(WORLD), 2024, dialect='duckdb')
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t36"."source",
      "t36"."flow",
      "t36"."code",
      "t36"."value",
      "t36"."reconciled",
      "t36"."synthetic",
      'pair' AS "slice"
    FROM (
      SELECT
        "t30"."source",
        "t30"."flow",
        "t30"."code",
        SUM("t30"."value") AS "value",
        BOOL_OR(CAST(CONTAINS(COALESCE("t30"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST(CONTAINS(COALESCE("t30"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t25".*
            EXCLUDE ("_monthly_only", "_top_level")
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t18"."source",
                "t18"."reporter",
                "t18"."partner",
                "t18"."flow",
                "t18"."year",
                "t18"."month",
                "t18"."product_level",
                "t18"."classification",
                "t18"."code",
                "t18"."value",
                "t18"."confidential_value",
                "t18"."quantity_kg",
                "t18"."rows",
                "t18"."currency",
                "t18"."flags",
                "t18"."vintage",
                "t18"."side",
                "t18"."level_rank",
                NOT (
                  BOOL_OR(CAST("t18"."month" IS NULL AS BOOLEAN)) OVER (
                    PARTITION BY "t18"."source", "t18"."side", "t18"."flow", "t18"."year", "t18"."classification", "t18"."reporter", "t18"."partner"
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                ) AS "_monthly_only",
                MIN("t18"."level_rank") OVER (
                  PARTITION BY "t18"."source", "t18"."side", "t18"."flow", "t18"."year", "t18"."classification", "t18"."reporter", "t18"."partner"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "_top_level"
              FROM (
                SELECT
                  "t15"."source",
                  "t15"."reporter",
                  "t15"."partner",
                  "t15"."flow",
                  "t15"."year",
                  "t15"."month",
                  "t15"."product_level",
                  "t15"."classification",
                  "t15"."code",
                  "t15"."value",
                  "t15"."confidential_value",
                  "t15"."quantity_kg",
                  "t15"."rows",
                  "t15"."currency",
                  "t15"."flags",
                  "t15"."vintage",
                  CASE
                    WHEN "t15"."reporter" IN ('bilateral_stand_in_0000')
                    AND "t15"."partner" IN ('bilateral_stand_in_0001')
                    THEN 'first'
                    WHEN "t15"."reporter" IN ('bilateral_stand_in_0001')
                    AND "t15"."partner" IN ('bilateral_stand_in_0000')
                    THEN 'second'
                    ELSE NULL
                  END AS "side",
                  CASE "t15"."product_level"
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
                    "t12".*
                    EXCLUDE ("_copy")
                  FROM (
                    SELECT
                      "t7"."source",
                      CASE WHEN "t7"."_copy" THEN "t7"."partner" ELSE "t7"."reporter" END AS "reporter",
                      CASE WHEN "t7"."_copy" THEN "t7"."reporter" ELSE "t7"."partner" END AS "partner",
                      CASE
                        WHEN "t7"."_copy"
                        THEN REPLACE("t7"."flow", 'export', 'import')
                        ELSE "t7"."flow"
                      END AS "flow",
                      "t7"."year",
                      "t7"."month",
                      "t7"."product_level",
                      "t7"."classification",
                      "t7"."code",
                      "t7"."value",
                      "t7"."confidential_value",
                      "t7"."quantity_kg",
                      "t7"."rows",
                      "t7"."currency",
                      "t7"."flags",
                      "t7"."vintage",
                      "t7"."_copy"
                    FROM (
                      SELECT
                        "t3"."source",
                        "t3"."reporter",
                        "t3"."partner",
                        "t3"."flow",
                        "t3"."year",
                        "t3"."month",
                        "t3"."product_level",
                        "t3"."classification",
                        "t3"."code",
                        "t3"."value",
                        "t3"."confidential_value",
                        "t3"."quantity_kg",
                        "t3"."rows",
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
                        FROM "rollup_products" AS "t0"
                        WHERE
                          "t0"."classification" = 'HS2'
                          AND "t0"."year" IN (2024)
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
                      ) AS "t3"
                    ) AS "t7"
                  ) AS "t12"
                ) AS "t15"
                WHERE
                  CASE
                    WHEN "t15"."reporter" IN ('bilateral_stand_in_0000')
                    AND "t15"."partner" IN ('bilateral_stand_in_0001')
                    THEN 'first'
                    WHEN "t15"."reporter" IN ('bilateral_stand_in_0001')
                    AND "t15"."partner" IN ('bilateral_stand_in_0000')
                    THEN 'second'
                    ELSE NULL
                  END IS NOT NULL
              ) AS "t18"
            ) AS "t23"
            WHERE
              (
                (
                  "t23"."month" IS NULL
                ) OR "t23"."_monthly_only"
              )
              AND "t23"."level_rank" = "t23"."_top_level"
          ) AS "t25"
        ) AS "t27"
        WHERE
          "t27"."side" = 'first'
      ) AS "t30"
      GROUP BY
        1,
        2,
        3
    ) AS "t36"
  ) AS "t39"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t37"."source",
      "t37"."flow",
      "t37"."code",
      "t37"."value",
      "t37"."reconciled",
      "t37"."synthetic",
      'pair_mirror' AS "slice"
    FROM (
      SELECT
        "t31"."source",
        "t31"."flow",
        "t31"."code",
        SUM("t31"."value") AS "value",
        BOOL_OR(CAST(CONTAINS(COALESCE("t31"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST(CONTAINS(COALESCE("t31"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t26".*
            EXCLUDE ("_monthly_only", "_top_level")
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t19"."source",
                "t19"."reporter",
                "t19"."partner",
                "t19"."flow",
                "t19"."year",
                "t19"."month",
                "t19"."product_level",
                "t19"."classification",
                "t19"."code",
                "t19"."value",
                "t19"."confidential_value",
                "t19"."quantity_kg",
                "t19"."rows",
                "t19"."currency",
                "t19"."flags",
                "t19"."vintage",
                "t19"."side",
                "t19"."level_rank",
                NOT (
                  BOOL_OR(CAST("t19"."month" IS NULL AS BOOLEAN)) OVER (
                    PARTITION BY "t19"."source", "t19"."side", "t19"."flow", "t19"."year", "t19"."classification", "t19"."reporter", "t19"."partner"
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                ) AS "_monthly_only",
                MIN("t19"."level_rank") OVER (
                  PARTITION BY "t19"."source", "t19"."side", "t19"."flow", "t19"."year", "t19"."classification", "t19"."reporter", "t19"."partner"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "_top_level"
              FROM (
                SELECT
                  "t16"."source",
                  "t16"."reporter",
                  "t16"."partner",
                  "t16"."flow",
                  "t16"."year",
                  "t16"."month",
                  "t16"."product_level",
                  "t16"."classification",
                  "t16"."code",
                  "t16"."value",
                  "t16"."confidential_value",
                  "t16"."quantity_kg",
                  "t16"."rows",
                  "t16"."currency",
                  "t16"."flags",
                  "t16"."vintage",
                  CASE
                    WHEN "t16"."reporter" IN ('bilateral_stand_in_0001')
                    AND "t16"."partner" IN ('bilateral_stand_in_0000')
                    THEN 'first'
                    WHEN "t16"."reporter" IN ('bilateral_stand_in_0000')
                    AND "t16"."partner" IN ('bilateral_stand_in_0001')
                    THEN 'second'
                    ELSE NULL
                  END AS "side",
                  CASE "t16"."product_level"
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
                    "t13".*
                    EXCLUDE ("_copy")
                  FROM (
                    SELECT
                      "t8"."source",
                      CASE WHEN "t8"."_copy" THEN "t8"."partner" ELSE "t8"."reporter" END AS "reporter",
                      CASE WHEN "t8"."_copy" THEN "t8"."reporter" ELSE "t8"."partner" END AS "partner",
                      CASE
                        WHEN "t8"."_copy"
                        THEN REPLACE("t8"."flow", 'export', 'import')
                        ELSE "t8"."flow"
                      END AS "flow",
                      "t8"."year",
                      "t8"."month",
                      "t8"."product_level",
                      "t8"."classification",
                      "t8"."code",
                      "t8"."value",
                      "t8"."confidential_value",
                      "t8"."quantity_kg",
                      "t8"."rows",
                      "t8"."currency",
                      "t8"."flags",
                      "t8"."vintage",
                      "t8"."_copy"
                    FROM (
                      SELECT
                        "t4"."source",
                        "t4"."reporter",
                        "t4"."partner",
                        "t4"."flow",
                        "t4"."year",
                        "t4"."month",
                        "t4"."product_level",
                        "t4"."classification",
                        "t4"."code",
                        "t4"."value",
                        "t4"."confidential_value",
                        "t4"."quantity_kg",
                        "t4"."rows",
                        "t4"."currency",
                        "t4"."flags",
                        "t4"."vintage",
                        UNNEST(
                          CASE
                            WHEN "t4"."source" IN ('baci')
                            AND (
                              "t4"."flow" = 'export'
                            )
                            AND CONTAINS(COALESCE("t4"."flags", ''), 'reconciled')
                            THEN [FALSE, TRUE]
                            ELSE [FALSE]
                          END
                        ) AS "_copy"
                      FROM (
                        SELECT
                          *
                        FROM "rollup_products" AS "t0"
                        WHERE
                          "t0"."classification" = 'HS2'
                          AND "t0"."year" IN (2024)
                          AND (
                            (
                              "t0"."reporter" IN ('bilateral_stand_in_0001')
                              AND "t0"."partner" IN ('bilateral_stand_in_0000')
                            )
                            OR (
                              "t0"."reporter" IN ('bilateral_stand_in_0000')
                              AND "t0"."partner" IN ('bilateral_stand_in_0001')
                            )
                          )
                      ) AS "t4"
                    ) AS "t8"
                  ) AS "t13"
                ) AS "t16"
                WHERE
                  CASE
                    WHEN "t16"."reporter" IN ('bilateral_stand_in_0001')
                    AND "t16"."partner" IN ('bilateral_stand_in_0000')
                    THEN 'first'
                    WHEN "t16"."reporter" IN ('bilateral_stand_in_0000')
                    AND "t16"."partner" IN ('bilateral_stand_in_0001')
                    THEN 'second'
                    ELSE NULL
                  END IS NOT NULL
              ) AS "t19"
            ) AS "t24"
            WHERE
              (
                (
                  "t24"."month" IS NULL
                ) OR "t24"."_monthly_only"
              )
              AND "t24"."level_rank" = "t24"."_top_level"
          ) AS "t26"
        ) AS "t28"
        WHERE
          "t28"."side" = 'first'
      ) AS "t31"
      GROUP BY
        1,
        2,
        3
    ) AS "t37"
  ) AS "t40"
) AS "t42"
UNION ALL
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t45"."source",
      "t45"."flow",
      "t45"."code",
      "t45"."value",
      "t45"."reconciled",
      "t45"."synthetic",
      'first_world' AS "slice"
    FROM (
      SELECT
        "t43"."source",
        "t43"."flow",
        "t43"."code",
        SUM("t43"."value") AS "value",
        BOOL_OR(CAST(CONTAINS(COALESCE("t43"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST(CONTAINS(COALESCE("t43"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t34".*
            EXCLUDE ("_members_rank", "_monthly_only", "_top_level", "_top_members")
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t22"."source",
                "t22"."reporter",
                "t22"."partner",
                "t22"."flow",
                "t22"."year",
                "t22"."month",
                "t22"."product_level",
                "t22"."classification",
                "t22"."code",
                "t22"."value",
                "t22"."confidential_value",
                "t22"."quantity_kg",
                "t22"."rows",
                "t22"."currency",
                "t22"."flags",
                "t22"."vintage",
                "t22"."side",
                "t22"."level_rank",
                NOT (
                  BOOL_OR(CAST("t22"."month" IS NULL AS BOOLEAN)) OVER (
                    PARTITION BY "t22"."source", "t22"."side", "t22"."flow", "t22"."year", "t22"."classification", "t22"."reporter", "t22"."partner"
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                ) AS "_monthly_only",
                MIN("t22"."level_rank") OVER (
                  PARTITION BY "t22"."source", "t22"."side", "t22"."flow", "t22"."year", "t22"."classification", "t22"."reporter", "t22"."partner"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "_top_level",
                CASE
                  WHEN "t22"."side" = 'first'
                  THEN (
                    CAST(NOT (
                      FALSE AND (
                        "t22"."reporter" = 'bilateral_stand_in_0000'
                      )
                    ) AS TINYINT) * 2
                  ) + CAST(NOT (
                    TRUE AND (
                      "t22"."partner" = 'WORLD'
                    )
                  ) AS TINYINT)
                  ELSE (
                    CAST(NOT (
                      TRUE AND (
                        "t22"."reporter" = 'WORLD'
                      )
                    ) AS TINYINT) * 2
                  ) + CAST(NOT (
                    FALSE AND (
                      "t22"."partner" = 'bilateral_stand_in_0000'
                    )
                  ) AS TINYINT)
                END AS "_members_rank",
                MIN(
                  CASE
                    WHEN "t22"."side" = 'first'
                    THEN (
                      CAST(NOT (
                        FALSE AND (
                          "t22"."reporter" = 'bilateral_stand_in_0000'
                        )
                      ) AS TINYINT) * 2
                    ) + CAST(NOT (
                      TRUE AND (
                        "t22"."partner" = 'WORLD'
                      )
                    ) AS TINYINT)
                    ELSE (
                      CAST(NOT (
                        TRUE AND (
                          "t22"."reporter" = 'WORLD'
                        )
                      ) AS TINYINT) * 2
                    ) + CAST(NOT (
                      FALSE AND (
                        "t22"."partner" = 'bilateral_stand_in_0000'
                      )
                    ) AS TINYINT)
                  END
                ) OVER (
                  PARTITION BY "t22"."source", "t22"."side", "t22"."flow", "t22"."year", "t22"."classification"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "_top_members"
              FROM (
                SELECT
                  "t20"."source",
                  "t20"."reporter",
                  "t20"."partner",
                  "t20"."flow",
                  "t20"."year",
                  "t20"."month",
                  "t20"."product_level",
                  "t20"."classification",
                  "t20"."code",
                  "t20"."value",
                  "t20"."confidential_value",
                  "t20"."quantity_kg",
                  "t20"."rows",
                  "t20"."currency",
                  "t20"."flags",
                  "t20"."vintage",
                  "t20"."side",
                  CASE "t20"."product_level"
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
                    "t14"."source",
                    "t14"."reporter",
                    "t14"."partner",
                    "t14"."flow",
                    "t14"."year",
                    "t14"."month",
                    "t14"."product_level",
                    "t14"."classification",
                    "t14"."code",
                    "t14"."value",
                    "t14"."confidential_value",
                    "t14"."quantity_kg",
                    "t14"."rows",
                    "t14"."currency",
                    "t14"."flags",
                    "t14"."vintage",
                    CASE
                      WHEN "t14"."reporter" IN ('bilateral_stand_in_0000')
                      AND (
                        (
                          "t14"."partner" = 'WORLD'
                        )
                        OR NOT (
                          "t14"."partner" IN (
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
                      WHEN (
                        (
                          "t14"."reporter" = 'WORLD'
                        )
                        OR NOT (
                          "t14"."reporter" IN (
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
                      AND "t14"."partner" IN ('bilateral_stand_in_0000')
                      THEN 'second'
                      ELSE NULL
                    END AS "side"
                  FROM (
                    SELECT
                      "t10".*
                      EXCLUDE ("_copy")
                    FROM (
                      SELECT
                        "t6"."source",
                        CASE WHEN "t6"."_copy" THEN "t6"."partner" ELSE "t6"."reporter" END AS "reporter",
                        CASE WHEN "t6"."_copy" THEN "t6"."reporter" ELSE "t6"."partner" END AS "partner",
                        CASE
                          WHEN "t6"."_copy"
                          THEN REPLACE("t6"."flow", 'export', 'import')
                          ELSE "t6"."flow"
                        END AS "flow",
                        "t6"."year",
                        "t6"."month",
                        "t6"."product_level",
                        "t6"."classification",
                        "t6"."code",
                        "t6"."value",
                        "t6"."confidential_value",
                        "t6"."quantity_kg",
                        "t6"."rows",
                        "t6"."currency",
                        "t6"."flags",
                        "t6"."vintage",
                        "t6"."_copy"
                      FROM (
                        SELECT
                          "t2"."source",
                          "t2"."reporter",
                          "t2"."partner",
                          "t2"."flow",
                          "t2"."year",
                          "t2"."month",
                          "t2"."product_level",
                          "t2"."classification",
                          "t2"."code",
                          "t2"."value",
                          "t2"."confidential_value",
                          "t2"."quantity_kg",
                          "t2"."rows",
                          "t2"."currency",
                          "t2"."flags",
                          "t2"."vintage",
                          UNNEST(
                            CASE
                              WHEN "t2"."source" IN ('baci')
                              AND (
                                "t2"."flow" = 'export'
                              )
                              AND CONTAINS(COALESCE("t2"."flags", ''), 'reconciled')
                              THEN [FALSE, TRUE]
                              ELSE [FALSE]
                            END
                          ) AS "_copy"
                        FROM (
                          SELECT
                            *
                          FROM "rollup_products" AS "t0"
                          WHERE
                            "t0"."classification" = 'HS2'
                            AND "t0"."year" IN (2024)
                            AND (
                              "t0"."reporter" IN ('bilateral_stand_in_0000')
                              OR "t0"."partner" IN ('bilateral_stand_in_0000')
                            )
                        ) AS "t2"
                      ) AS "t6"
                    ) AS "t10"
                  ) AS "t14"
                ) AS "t20"
                WHERE
                  "t20"."side" IS NOT NULL
              ) AS "t22"
            ) AS "t32"
            WHERE
              (
                (
                  "t32"."month" IS NULL
                ) OR "t32"."_monthly_only"
              )
              AND "t32"."level_rank" = "t32"."_top_level"
              AND "t32"."_members_rank" = "t32"."_top_members"
          ) AS "t34"
        ) AS "t38"
        WHERE
          "t38"."side" = 'first'
      ) AS "t43"
      GROUP BY
        1,
        2,
        3
    ) AS "t45"
  ) AS "t47"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t44"."source",
      "t44"."flow",
      "t44"."code",
      "t44"."value",
      "t44"."reconciled",
      "t44"."synthetic",
      'second_world' AS "slice"
    FROM (
      SELECT
        "t41"."source",
        "t41"."flow",
        "t41"."code",
        SUM("t41"."value") AS "value",
        BOOL_OR(CAST(CONTAINS(COALESCE("t41"."flags", ''), 'reconciled') AS BOOLEAN)) AS "reconciled",
        BOOL_OR(CAST(CONTAINS(COALESCE("t41"."flags", ''), 'synthetic') AS BOOLEAN)) AS "synthetic"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t33".*
            EXCLUDE ("_members_rank", "_monthly_only", "_top_level", "_top_members")
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t21"."source",
                "t21"."reporter",
                "t21"."partner",
                "t21"."flow",
                "t21"."year",
                "t21"."month",
                "t21"."product_level",
                "t21"."classification",
                "t21"."code",
                "t21"."value",
                "t21"."confidential_value",
                "t21"."quantity_kg",
                "t21"."rows",
                "t21"."currency",
                "t21"."flags",
                "t21"."vintage",
                "t21"."side",
                "t21"."level_rank",
                NOT (
                  BOOL_OR(CAST("t21"."month" IS NULL AS BOOLEAN)) OVER (
                    PARTITION BY "t21"."source", "t21"."side", "t21"."flow", "t21"."year", "t21"."classification", "t21"."reporter", "t21"."partner"
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                ) AS "_monthly_only",
                MIN("t21"."level_rank") OVER (
                  PARTITION BY "t21"."source", "t21"."side", "t21"."flow", "t21"."year", "t21"."classification", "t21"."reporter", "t21"."partner"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "_top_level",
                CASE
                  WHEN "t21"."side" = 'first'
                  THEN (
                    CAST(NOT (
                      FALSE AND (
                        "t21"."reporter" = 'bilateral_stand_in_0001'
                      )
                    ) AS TINYINT) * 2
                  ) + CAST(NOT (
                    TRUE AND (
                      "t21"."partner" = 'WORLD'
                    )
                  ) AS TINYINT)
                  ELSE (
                    CAST(NOT (
                      TRUE AND (
                        "t21"."reporter" = 'WORLD'
                      )
                    ) AS TINYINT) * 2
                  ) + CAST(NOT (
                    FALSE AND (
                      "t21"."partner" = 'bilateral_stand_in_0001'
                    )
                  ) AS TINYINT)
                END AS "_members_rank",
                MIN(
                  CASE
                    WHEN "t21"."side" = 'first'
                    THEN (
                      CAST(NOT (
                        FALSE AND (
                          "t21"."reporter" = 'bilateral_stand_in_0001'
                        )
                      ) AS TINYINT) * 2
                    ) + CAST(NOT (
                      TRUE AND (
                        "t21"."partner" = 'WORLD'
                      )
                    ) AS TINYINT)
                    ELSE (
                      CAST(NOT (
                        TRUE AND (
                          "t21"."reporter" = 'WORLD'
                        )
                      ) AS TINYINT) * 2
                    ) + CAST(NOT (
                      FALSE AND (
                        "t21"."partner" = 'bilateral_stand_in_0001'
                      )
                    ) AS TINYINT)
                  END
                ) OVER (
                  PARTITION BY "t21"."source", "t21"."side", "t21"."flow", "t21"."year", "t21"."classification"
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS "_top_members"
              FROM (
                SELECT
                  "t17"."source",
                  "t17"."reporter",
                  "t17"."partner",
                  "t17"."flow",
                  "t17"."year",
                  "t17"."month",
                  "t17"."product_level",
                  "t17"."classification",
                  "t17"."code",
                  "t17"."value",
                  "t17"."confidential_value",
                  "t17"."quantity_kg",
                  "t17"."rows",
                  "t17"."currency",
                  "t17"."flags",
                  "t17"."vintage",
                  "t17"."side",
                  CASE "t17"."product_level"
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
                    "t11"."source",
                    "t11"."reporter",
                    "t11"."partner",
                    "t11"."flow",
                    "t11"."year",
                    "t11"."month",
                    "t11"."product_level",
                    "t11"."classification",
                    "t11"."code",
                    "t11"."value",
                    "t11"."confidential_value",
                    "t11"."quantity_kg",
                    "t11"."rows",
                    "t11"."currency",
                    "t11"."flags",
                    "t11"."vintage",
                    CASE
                      WHEN "t11"."reporter" IN ('bilateral_stand_in_0001')
                      AND (
                        (
                          "t11"."partner" = 'WORLD'
                        )
                        OR NOT (
                          "t11"."partner" IN (
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
                      WHEN (
                        (
                          "t11"."reporter" = 'WORLD'
                        )
                        OR NOT (
                          "t11"."reporter" IN (
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
                      AND "t11"."partner" IN ('bilateral_stand_in_0001')
                      THEN 'second'
                      ELSE NULL
                    END AS "side"
                  FROM (
                    SELECT
                      "t9".*
                      EXCLUDE ("_copy")
                    FROM (
                      SELECT
                        "t5"."source",
                        CASE WHEN "t5"."_copy" THEN "t5"."partner" ELSE "t5"."reporter" END AS "reporter",
                        CASE WHEN "t5"."_copy" THEN "t5"."reporter" ELSE "t5"."partner" END AS "partner",
                        CASE
                          WHEN "t5"."_copy"
                          THEN REPLACE("t5"."flow", 'export', 'import')
                          ELSE "t5"."flow"
                        END AS "flow",
                        "t5"."year",
                        "t5"."month",
                        "t5"."product_level",
                        "t5"."classification",
                        "t5"."code",
                        "t5"."value",
                        "t5"."confidential_value",
                        "t5"."quantity_kg",
                        "t5"."rows",
                        "t5"."currency",
                        "t5"."flags",
                        "t5"."vintage",
                        "t5"."_copy"
                      FROM (
                        SELECT
                          "t1"."source",
                          "t1"."reporter",
                          "t1"."partner",
                          "t1"."flow",
                          "t1"."year",
                          "t1"."month",
                          "t1"."product_level",
                          "t1"."classification",
                          "t1"."code",
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
                          FROM "rollup_products" AS "t0"
                          WHERE
                            "t0"."classification" = 'HS2'
                            AND "t0"."year" IN (2024)
                            AND (
                              "t0"."reporter" IN ('bilateral_stand_in_0001')
                              OR "t0"."partner" IN ('bilateral_stand_in_0001')
                            )
                        ) AS "t1"
                      ) AS "t5"
                    ) AS "t9"
                  ) AS "t11"
                ) AS "t17"
                WHERE
                  "t17"."side" IS NOT NULL
              ) AS "t21"
            ) AS "t29"
            WHERE
              (
                (
                  "t29"."month" IS NULL
                ) OR "t29"."_monthly_only"
              )
              AND "t29"."level_rank" = "t29"."_top_level"
              AND "t29"."_members_rank" = "t29"."_top_members"
          ) AS "t33"
        ) AS "t35"
        WHERE
          "t35"."side" = 'first'
      ) AS "t41"
      GROUP BY
        1,
        2,
        3
    ) AS "t44"
  ) AS "t46"
) AS "t48"
