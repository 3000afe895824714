-- bilateral.query.pair_indicators.indicator_inputs_sql(country(0002, 0003, 0004), country(0000), group(WORLD), 2024, dialect='pyspark')
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t39`.`source`,
      `t39`.`flow`,
      `t39`.`code`,
      `t39`.`value`,
      `t39`.`reconciled`,
      `t39`.`synthetic`,
      'pair' AS `slice`
    FROM (
      SELECT
        `t33`.`source`,
        `t33`.`flow`,
        `t33`.`code`,
        SUM(`t33`.`value`) AS `value`,
        BOOL_OR(CONTAINS(COALESCE(`t33`.`flags`, ''), 'reconciled')) AS `reconciled`,
        BOOL_OR(CONTAINS(COALESCE(`t33`.`flags`, ''), 'synthetic')) AS `synthetic`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t27`.`source`,
            `t27`.`reporter`,
            `t27`.`partner`,
            `t27`.`flow`,
            `t27`.`year`,
            `t27`.`month`,
            `t27`.`product_level`,
            `t27`.`classification`,
            `t27`.`code`,
            `t27`.`value`,
            `t27`.`confidential_value`,
            `t27`.`quantity_kg`,
            `t27`.`rows`,
            `t27`.`currency`,
            `t27`.`flags`,
            `t27`.`vintage`,
            `t27`.`side`,
            `t27`.`level_rank`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t21`.`source`,
                `t21`.`reporter`,
                `t21`.`partner`,
                `t21`.`flow`,
                `t21`.`year`,
                `t21`.`month`,
                `t21`.`product_level`,
                `t21`.`classification`,
                `t21`.`code`,
                `t21`.`value`,
                `t21`.`confidential_value`,
                `t21`.`quantity_kg`,
                `t21`.`rows`,
                `t21`.`currency`,
                `t21`.`flags`,
                `t21`.`vintage`,
                `t21`.`side`,
                `t21`.`level_rank`,
                NOT (
                  BOOL_OR(`t21`.`month` IS NULL) OVER (
                    PARTITION BY `t21`.`source`, `t21`.`side`, `t21`.`flow`, `t21`.`year`, `t21`.`classification`, `t21`.`reporter`, `t21`.`partner`
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                ) AS `_monthly_only`,
                MIN(`t21`.`level_rank`) OVER (
                  PARTITION BY `t21`.`source`, `t21`.`side`, `t21`.`flow`, `t21`.`year`, `t21`.`classification`, `t21`.`reporter`, `t21`.`partner`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_top_level`
              FROM (
                SELECT
                  `t17`.`source`,
                  `t17`.`reporter`,
                  `t17`.`partner`,
                  `t17`.`flow`,
                  `t17`.`year`,
                  `t17`.`month`,
                  `t17`.`product_level`,
                  `t17`.`classification`,
                  `t17`.`code`,
                  `t17`.`value`,
                  `t17`.`confidential_value`,
                  `t17`.`quantity_kg`,
                  `t17`.`rows`,
                  `t17`.`currency`,
                  `t17`.`flags`,
                  `t17`.`vintage`,
                  `t17`.`side`,
                  CASE `t17`.`product_level`
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
                  END AS `level_rank`
                FROM (
                  SELECT
                    `t15`.`source`,
                    `t15`.`reporter`,
                    `t15`.`partner`,
                    `t15`.`flow`,
                    `t15`.`year`,
                    `t15`.`month`,
                    `t15`.`product_level`,
                    `t15`.`classification`,
                    `t15`.`code`,
                    `t15`.`value`,
                    `t15`.`confidential_value`,
                    `t15`.`quantity_kg`,
                    `t15`.`rows`,
                    `t15`.`currency`,
                    `t15`.`flags`,
                    `t15`.`vintage`,
                    CASE
                      WHEN `t15`.`reporter` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                      AND `t15`.`partner` IN ('bilateral_stand_in_0000')
                      THEN 'first'
                      WHEN `t15`.`reporter` IN ('bilateral_stand_in_0000')
                      AND `t15`.`partner` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                      THEN 'second'
                      ELSE NULL
                    END AS `side`
                  FROM (
                    SELECT
                      `t13`.`source`,
                      `t13`.`reporter`,
                      `t13`.`partner`,
                      `t13`.`flow`,
                      `t13`.`year`,
                      `t13`.`month`,
                      `t13`.`product_level`,
                      `t13`.`classification`,
                      `t13`.`code`,
                      `t13`.`value`,
                      `t13`.`confidential_value`,
                      `t13`.`quantity_kg`,
                      `t13`.`rows`,
                      `t13`.`currency`,
                      `t13`.`flags`,
                      `t13`.`vintage`
                    FROM (
                      SELECT
                        `t7`.`source`,
                        IF(`t7`.`_copy`, `t7`.`partner`, `t7`.`reporter`) AS `reporter`,
                        IF(`t7`.`_copy`, `t7`.`reporter`, `t7`.`partner`) AS `partner`,
                        IF(`t7`.`_copy`, REPLACE(`t7`.`flow`, 'export', 'import'), `t7`.`flow`) AS `flow`,
                        `t7`.`year`,
                        `t7`.`month`,
                        `t7`.`product_level`,
                        `t7`.`classification`,
                        `t7`.`code`,
                        `t7`.`value`,
                        `t7`.`confidential_value`,
                        `t7`.`quantity_kg`,
                        `t7`.`rows`,
                        `t7`.`currency`,
                        `t7`.`flags`,
                        `t7`.`vintage`,
                        `t7`.`_copy`
                      FROM (
                        SELECT
                          `t3`.`source`,
                          `t3`.`reporter`,
                          `t3`.`partner`,
                          `t3`.`flow`,
                          `t3`.`year`,
                          `t3`.`month`,
                          `t3`.`product_level`,
                          `t3`.`classification`,
                          `t3`.`code`,
                          `t3`.`value`,
                          `t3`.`confidential_value`,
                          `t3`.`quantity_kg`,
                          `t3`.`rows`,
                          `t3`.`currency`,
                          `t3`.`flags`,
                          `t3`.`vintage`,
                          EXPLODE(
                            IF(
                              `t3`.`source` IN ('baci')
                              AND (
                                `t3`.`flow` = 'export'
                              )
                              AND CONTAINS(COALESCE(`t3`.`flags`, ''), 'reconciled'),
                              ARRAY(FALSE, TRUE),
                              ARRAY(FALSE)
                            )
                          ) AS `_copy`
                        FROM (
                          SELECT
                            *
                          FROM `rollup_products` AS `t0`
                          WHERE
                            `t0`.`classification` = 'HS2'
                            AND `t0`.`year` IN (2024)
                            AND (
                              (
                                `t0`.`reporter` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                                AND `t0`.`partner` IN ('bilateral_stand_in_0000')
                              )
                              OR (
                                `t0`.`reporter` IN ('bilateral_stand_in_0000')
                                AND `t0`.`partner` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                              )
                            )
                        ) AS `t3`
                      ) AS `t7`
                    ) AS `t13`
                  ) AS `t15`
                ) AS `t17`
                WHERE
                  `t17`.`side` IS NOT NULL
              ) AS `t21`
            ) AS `t25`
            WHERE
              (
                (
                  `t25`.`month` IS NULL
                ) OR `t25`.`_monthly_only`
              )
              AND `t25`.`level_rank` = `t25`.`_top_level`
          ) AS `t27`
        ) AS `t29`
        WHERE
          `t29`.`side` = 'first'
      ) AS `t33`
      GROUP BY
        1,
        2,
        3
    ) AS `t39`
  ) AS `t43`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t40`.`source`,
      `t40`.`flow`,
      `t40`.`code`,
      `t40`.`value`,
      `t40`.`reconciled`,
      `t40`.`synthetic`,
      'pair_mirror' AS `slice`
    FROM (
      SELECT
        `t34`.`source`,
        `t34`.`flow`,
        `t34`.`code`,
        SUM(`t34`.`value`) AS `value`,
        BOOL_OR(CONTAINS(COALESCE(`t34`.`flags`, ''), 'reconciled')) AS `reconciled`,
        BOOL_OR(CONTAINS(COALESCE(`t34`.`flags`, ''), 'synthetic')) AS `synthetic`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t28`.`source`,
            `t28`.`reporter`,
            `t28`.`partner`,
            `t28`.`flow`,
            `t28`.`year`,
            `t28`.`month`,
            `t28`.`product_level`,
            `t28`.`classification`,
            `t28`.`code`,
            `t28`.`value`,
            `t28`.`confidential_value`,
            `t28`.`quantity_kg`,
            `t28`.`rows`,
            `t28`.`currency`,
            `t28`.`flags`,
            `t28`.`vintage`,
            `t28`.`side`,
            `t28`.`level_rank`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t22`.`source`,
                `t22`.`reporter`,
                `t22`.`partner`,
                `t22`.`flow`,
                `t22`.`year`,
                `t22`.`month`,
                `t22`.`product_level`,
                `t22`.`classification`,
                `t22`.`code`,
                `t22`.`value`,
                `t22`.`confidential_value`,
                `t22`.`quantity_kg`,
                `t22`.`rows`,
                `t22`.`currency`,
                `t22`.`flags`,
                `t22`.`vintage`,
                `t22`.`side`,
                `t22`.`level_rank`,
                NOT (
                  BOOL_OR(`t22`.`month` IS NULL) OVER (
                    PARTITION BY `t22`.`source`, `t22`.`side`, `t22`.`flow`, `t22`.`year`, `t22`.`classification`, `t22`.`reporter`, `t22`.`partner`
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                ) AS `_monthly_only`,
                MIN(`t22`.`level_rank`) OVER (
                  PARTITION BY `t22`.`source`, `t22`.`side`, `t22`.`flow`, `t22`.`year`, `t22`.`classification`, `t22`.`reporter`, `t22`.`partner`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_top_level`
              FROM (
                SELECT
                  `t18`.`source`,
                  `t18`.`reporter`,
                  `t18`.`partner`,
                  `t18`.`flow`,
                  `t18`.`year`,
                  `t18`.`month`,
                  `t18`.`product_level`,
                  `t18`.`classification`,
                  `t18`.`code`,
                  `t18`.`value`,
                  `t18`.`confidential_value`,
                  `t18`.`quantity_kg`,
                  `t18`.`rows`,
                  `t18`.`currency`,
                  `t18`.`flags`,
                  `t18`.`vintage`,
                  `t18`.`side`,
                  CASE `t18`.`product_level`
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
                  END AS `level_rank`
                FROM (
                  SELECT
                    `t16`.`source`,
                    `t16`.`reporter`,
                    `t16`.`partner`,
                    `t16`.`flow`,
                    `t16`.`year`,
                    `t16`.`month`,
                    `t16`.`product_level`,
                    `t16`.`classification`,
                    `t16`.`code`,
                    `t16`.`value`,
                    `t16`.`confidential_value`,
                    `t16`.`quantity_kg`,
                    `t16`.`rows`,
                    `t16`.`currency`,
                    `t16`.`flags`,
                    `t16`.`vintage`,
                    CASE
                      WHEN `t16`.`reporter` IN ('bilateral_stand_in_0000')
                      AND `t16`.`partner` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                      THEN 'first'
                      WHEN `t16`.`reporter` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                      AND `t16`.`partner` IN ('bilateral_stand_in_0000')
                      THEN 'second'
                      ELSE NULL
                    END AS `side`
                  FROM (
                    SELECT
                      `t14`.`source`,
                      `t14`.`reporter`,
                      `t14`.`partner`,
                      `t14`.`flow`,
                      `t14`.`year`,
                      `t14`.`month`,
                      `t14`.`product_level`,
                      `t14`.`classification`,
                      `t14`.`code`,
                      `t14`.`value`,
                      `t14`.`confidential_value`,
                      `t14`.`quantity_kg`,
                      `t14`.`rows`,
                      `t14`.`currency`,
                      `t14`.`flags`,
                      `t14`.`vintage`
                    FROM (
                      SELECT
                        `t8`.`source`,
                        IF(`t8`.`_copy`, `t8`.`partner`, `t8`.`reporter`) AS `reporter`,
                        IF(`t8`.`_copy`, `t8`.`reporter`, `t8`.`partner`) AS `partner`,
                        IF(`t8`.`_copy`, REPLACE(`t8`.`flow`, 'export', 'import'), `t8`.`flow`) AS `flow`,
                        `t8`.`year`,
                        `t8`.`month`,
                        `t8`.`product_level`,
                        `t8`.`classification`,
                        `t8`.`code`,
                        `t8`.`value`,
                        `t8`.`confidential_value`,
                        `t8`.`quantity_kg`,
                        `t8`.`rows`,
                        `t8`.`currency`,
                        `t8`.`flags`,
                        `t8`.`vintage`,
                        `t8`.`_copy`
                      FROM (
                        SELECT
                          `t4`.`source`,
                          `t4`.`reporter`,
                          `t4`.`partner`,
                          `t4`.`flow`,
                          `t4`.`year`,
                          `t4`.`month`,
                          `t4`.`product_level`,
                          `t4`.`classification`,
                          `t4`.`code`,
                          `t4`.`value`,
                          `t4`.`confidential_value`,
                          `t4`.`quantity_kg`,
                          `t4`.`rows`,
                          `t4`.`currency`,
                          `t4`.`flags`,
                          `t4`.`vintage`,
                          EXPLODE(
                            IF(
                              `t4`.`source` IN ('baci')
                              AND (
                                `t4`.`flow` = 'export'
                              )
                              AND CONTAINS(COALESCE(`t4`.`flags`, ''), 'reconciled'),
                              ARRAY(FALSE, TRUE),
                              ARRAY(FALSE)
                            )
                          ) AS `_copy`
                        FROM (
                          SELECT
                            *
                          FROM `rollup_products` AS `t0`
                          WHERE
                            `t0`.`classification` = 'HS2'
                            AND `t0`.`year` IN (2024)
                            AND (
                              (
                                `t0`.`reporter` IN ('bilateral_stand_in_0000')
                                AND `t0`.`partner` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                              )
                              OR (
                                `t0`.`reporter` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                                AND `t0`.`partner` IN ('bilateral_stand_in_0000')
                              )
                            )
                        ) AS `t4`
                      ) AS `t8`
                    ) AS `t14`
                  ) AS `t16`
                ) AS `t18`
                WHERE
                  `t18`.`side` IS NOT NULL
              ) AS `t22`
            ) AS `t26`
            WHERE
              (
                (
                  `t26`.`month` IS NULL
                ) OR `t26`.`_monthly_only`
              )
              AND `t26`.`level_rank` = `t26`.`_top_level`
          ) AS `t28`
        ) AS `t30`
        WHERE
          `t30`.`side` = 'first'
      ) AS `t34`
      GROUP BY
        1,
        2,
        3
    ) AS `t40`
  ) AS `t44`
) AS `t45`
UNION ALL
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t46`.`source`,
      `t46`.`flow`,
      `t46`.`code`,
      `t46`.`value`,
      `t46`.`reconciled`,
      `t46`.`synthetic`,
      'first_world' AS `slice`
    FROM (
      SELECT
        `t41`.`source`,
        `t41`.`flow`,
        `t41`.`code`,
        SUM(`t41`.`value`) AS `value`,
        BOOL_OR(CONTAINS(COALESCE(`t41`.`flags`, ''), 'reconciled')) AS `reconciled`,
        BOOL_OR(CONTAINS(COALESCE(`t41`.`flags`, ''), 'synthetic')) AS `synthetic`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t35`.`source`,
            `t35`.`reporter`,
            `t35`.`partner`,
            `t35`.`flow`,
            `t35`.`year`,
            `t35`.`month`,
            `t35`.`product_level`,
            `t35`.`classification`,
            `t35`.`code`,
            `t35`.`value`,
            `t35`.`confidential_value`,
            `t35`.`quantity_kg`,
            `t35`.`rows`,
            `t35`.`currency`,
            `t35`.`flags`,
            `t35`.`vintage`,
            `t35`.`side`,
            `t35`.`level_rank`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t23`.`source`,
                `t23`.`reporter`,
                `t23`.`partner`,
                `t23`.`flow`,
                `t23`.`year`,
                `t23`.`month`,
                `t23`.`product_level`,
                `t23`.`classification`,
                `t23`.`code`,
                `t23`.`value`,
                `t23`.`confidential_value`,
                `t23`.`quantity_kg`,
                `t23`.`rows`,
                `t23`.`currency`,
                `t23`.`flags`,
                `t23`.`vintage`,
                `t23`.`side`,
                `t23`.`level_rank`,
                NOT (
                  BOOL_OR(`t23`.`month` IS NULL) OVER (
                    PARTITION BY `t23`.`source`, `t23`.`side`, `t23`.`flow`, `t23`.`year`, `t23`.`classification`, `t23`.`reporter`, `t23`.`partner`
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                ) AS `_monthly_only`,
                MIN(`t23`.`level_rank`) OVER (
                  PARTITION BY `t23`.`source`, `t23`.`side`, `t23`.`flow`, `t23`.`year`, `t23`.`classification`, `t23`.`reporter`, `t23`.`partner`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_top_level`,
                CASE
                  WHEN `t23`.`side` = 'first'
                  THEN (
                    CAST(NOT (
                      FALSE AND (
                        `t23`.`reporter` = 'bilateral_stand_in_0002'
                      )
                    ) AS TINYINT) * 2
                  ) + CAST(NOT (
                    TRUE AND (
                      `t23`.`partner` = 'WORLD'
                    )
                  ) AS TINYINT)
                  ELSE (
                    CAST(NOT (
                      TRUE AND (
                        `t23`.`reporter` = 'WORLD'
                      )
                    ) AS TINYINT) * 2
                  ) + CAST(NOT (
                    FALSE AND (
                      `t23`.`partner` = 'bilateral_stand_in_0002'
                    )
                  ) AS TINYINT)
                END AS `_members_rank`,
                MIN(
                  CASE
                    WHEN `t23`.`side` = 'first'
                    THEN (
                      CAST(NOT (
                        FALSE AND (
                          `t23`.`reporter` = 'bilateral_stand_in_0002'
                        )
                      ) AS TINYINT) * 2
                    ) + CAST(NOT (
                      TRUE AND (
                        `t23`.`partner` = 'WORLD'
                      )
                    ) AS TINYINT)
                    ELSE (
                      CAST(NOT (
                        TRUE AND (
                          `t23`.`reporter` = 'WORLD'
                        )
                      ) AS TINYINT) * 2
                    ) + CAST(NOT (
                      FALSE AND (
                        `t23`.`partner` = 'bilateral_stand_in_0002'
                      )
                    ) AS TINYINT)
                  END
                ) OVER (
                  PARTITION BY `t23`.`source`, `t23`.`side`, `t23`.`flow`, `t23`.`year`, `t23`.`classification`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_top_members`
              FROM (
                SELECT
                  `t19`.`source`,
                  `t19`.`reporter`,
                  `t19`.`partner`,
                  `t19`.`flow`,
                  `t19`.`year`,
                  `t19`.`month`,
                  `t19`.`product_level`,
                  `t19`.`classification`,
                  `t19`.`code`,
                  `t19`.`value`,
                  `t19`.`confidential_value`,
                  `t19`.`quantity_kg`,
                  `t19`.`rows`,
                  `t19`.`currency`,
                  `t19`.`flags`,
                  `t19`.`vintage`,
                  `t19`.`side`,
                  CASE `t19`.`product_level`
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
                  END AS `level_rank`
                FROM (
                  SELECT
                    `t11`.`source`,
                    `t11`.`reporter`,
                    `t11`.`partner`,
                    `t11`.`flow`,
                    `t11`.`year`,
                    `t11`.`month`,
                    `t11`.`product_level`,
                    `t11`.`classification`,
                    `t11`.`code`,
                    `t11`.`value`,
                    `t11`.`confidential_value`,
                    `t11`.`quantity_kg`,
                    `t11`.`rows`,
                    `t11`.`currency`,
                    `t11`.`flags`,
                    `t11`.`vintage`,
                    CASE
                      WHEN `t11`.`reporter` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                      AND (
                        (
                          `t11`.`partner` = 'WORLD'
                        )
                        OR NOT (
                          `t11`.`partner` IN (
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
                          `t11`.`reporter` = 'WORLD'
                        )
                        OR NOT (
                          `t11`.`reporter` IN (
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
                      AND `t11`.`partner` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                      THEN 'second'
                      ELSE NULL
                    END AS `side`
                  FROM (
                    SELECT
                      `t9`.`source`,
                      `t9`.`reporter`,
                      `t9`.`partner`,
                      `t9`.`flow`,
                      `t9`.`year`,
                      `t9`.`month`,
                      `t9`.`product_level`,
                      `t9`.`classification`,
                      `t9`.`code`,
                      `t9`.`value`,
                      `t9`.`confidential_value`,
                      `t9`.`quantity_kg`,
                      `t9`.`rows`,
                      `t9`.`currency`,
                      `t9`.`flags`,
                      `t9`.`vintage`
                    FROM (
                      SELECT
                        `t5`.`source`,
                        IF(`t5`.`_copy`, `t5`.`partner`, `t5`.`reporter`) AS `reporter`,
                        IF(`t5`.`_copy`, `t5`.`reporter`, `t5`.`partner`) AS `partner`,
                        IF(`t5`.`_copy`, REPLACE(`t5`.`flow`, 'export', 'import'), `t5`.`flow`) AS `flow`,
                        `t5`.`year`,
                        `t5`.`month`,
                        `t5`.`product_level`,
                        `t5`.`classification`,
                        `t5`.`code`,
                        `t5`.`value`,
                        `t5`.`confidential_value`,
                        `t5`.`quantity_kg`,
                        `t5`.`rows`,
                        `t5`.`currency`,
                        `t5`.`flags`,
                        `t5`.`vintage`,
                        `t5`.`_copy`
                      FROM (
                        SELECT
                          `t1`.`source`,
                          `t1`.`reporter`,
                          `t1`.`partner`,
                          `t1`.`flow`,
                          `t1`.`year`,
                          `t1`.`month`,
                          `t1`.`product_level`,
                          `t1`.`classification`,
                          `t1`.`code`,
                          `t1`.`value`,
                          `t1`.`confidential_value`,
                          `t1`.`quantity_kg`,
                          `t1`.`rows`,
                          `t1`.`currency`,
                          `t1`.`flags`,
                          `t1`.`vintage`,
                          EXPLODE(
                            IF(
                              `t1`.`source` IN ('baci')
                              AND (
                                `t1`.`flow` = 'export'
                              )
                              AND CONTAINS(COALESCE(`t1`.`flags`, ''), 'reconciled'),
                              ARRAY(FALSE, TRUE),
                              ARRAY(FALSE)
                            )
                          ) AS `_copy`
                        FROM (
                          SELECT
                            *
                          FROM `rollup_products` AS `t0`
                          WHERE
                            `t0`.`classification` = 'HS2'
                            AND `t0`.`year` IN (2024)
                            AND (
                              `t0`.`reporter` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                              OR `t0`.`partner` IN ('bilateral_stand_in_0002', 'bilateral_stand_in_0003', 'bilateral_stand_in_0004')
                            )
                        ) AS `t1`
                      ) AS `t5`
                    ) AS `t9`
                  ) AS `t11`
                ) AS `t19`
                WHERE
                  `t19`.`side` IS NOT NULL
              ) AS `t23`
            ) AS `t31`
            WHERE
              (
                (
                  `t31`.`month` IS NULL
                ) OR `t31`.`_monthly_only`
              )
              AND `t31`.`level_rank` = `t31`.`_top_level`
              AND `t31`.`_members_rank` = `t31`.`_top_members`
          ) AS `t35`
        ) AS `t37`
        WHERE
          `t37`.`side` = 'first'
      ) AS `t41`
      GROUP BY
        1,
        2,
        3
    ) AS `t46`
  ) AS `t48`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t47`.`source`,
      `t47`.`flow`,
      `t47`.`code`,
      `t47`.`value`,
      `t47`.`reconciled`,
      `t47`.`synthetic`,
      'second_world' AS `slice`
    FROM (
      SELECT
        `t42`.`source`,
        `t42`.`flow`,
        `t42`.`code`,
        SUM(`t42`.`value`) AS `value`,
        BOOL_OR(CONTAINS(COALESCE(`t42`.`flags`, ''), 'reconciled')) AS `reconciled`,
        BOOL_OR(CONTAINS(COALESCE(`t42`.`flags`, ''), 'synthetic')) AS `synthetic`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t36`.`source`,
            `t36`.`reporter`,
            `t36`.`partner`,
            `t36`.`flow`,
            `t36`.`year`,
            `t36`.`month`,
            `t36`.`product_level`,
            `t36`.`classification`,
            `t36`.`code`,
            `t36`.`value`,
            `t36`.`confidential_value`,
            `t36`.`quantity_kg`,
            `t36`.`rows`,
            `t36`.`currency`,
            `t36`.`flags`,
            `t36`.`vintage`,
            `t36`.`side`,
            `t36`.`level_rank`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t24`.`source`,
                `t24`.`reporter`,
                `t24`.`partner`,
                `t24`.`flow`,
                `t24`.`year`,
                `t24`.`month`,
                `t24`.`product_level`,
                `t24`.`classification`,
                `t24`.`code`,
                `t24`.`value`,
                `t24`.`confidential_value`,
                `t24`.`quantity_kg`,
                `t24`.`rows`,
                `t24`.`currency`,
                `t24`.`flags`,
                `t24`.`vintage`,
                `t24`.`side`,
                `t24`.`level_rank`,
                NOT (
                  BOOL_OR(`t24`.`month` IS NULL) OVER (
                    PARTITION BY `t24`.`source`, `t24`.`side`, `t24`.`flow`, `t24`.`year`, `t24`.`classification`, `t24`.`reporter`, `t24`.`partner`
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  )
                ) AS `_monthly_only`,
                MIN(`t24`.`level_rank`) OVER (
                  PARTITION BY `t24`.`source`, `t24`.`side`, `t24`.`flow`, `t24`.`year`, `t24`.`classification`, `t24`.`reporter`, `t24`.`partner`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_top_level`,
                CASE
                  WHEN `t24`.`side` = 'first'
                  THEN (
                    CAST(NOT (
                      FALSE AND (
                        `t24`.`reporter` = 'bilateral_stand_in_0000'
                      )
                    ) AS TINYINT) * 2
                  ) + CAST(NOT (
                    TRUE AND (
                      `t24`.`partner` = 'WORLD'
                    )
                  ) AS TINYINT)
                  ELSE (
                    CAST(NOT (
                      TRUE AND (
                        `t24`.`reporter` = 'WORLD'
                      )
                    ) AS TINYINT) * 2
                  ) + CAST(NOT (
                    FALSE AND (
                      `t24`.`partner` = 'bilateral_stand_in_0000'
                    )
                  ) AS TINYINT)
                END AS `_members_rank`,
                MIN(
                  CASE
                    WHEN `t24`.`side` = 'first'
                    THEN (
                      CAST(NOT (
                        FALSE AND (
                          `t24`.`reporter` = 'bilateral_stand_in_0000'
                        )
                      ) AS TINYINT) * 2
                    ) + CAST(NOT (
                      TRUE AND (
                        `t24`.`partner` = 'WORLD'
                      )
                    ) AS TINYINT)
                    ELSE (
                      CAST(NOT (
                        TRUE AND (
                          `t24`.`reporter` = 'WORLD'
                        )
                      ) AS TINYINT) * 2
                    ) + CAST(NOT (
                      FALSE AND (
                        `t24`.`partner` = 'bilateral_stand_in_0000'
                      )
                    ) AS TINYINT)
                  END
                ) OVER (
                  PARTITION BY `t24`.`source`, `t24`.`side`, `t24`.`flow`, `t24`.`year`, `t24`.`classification`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_top_members`
              FROM (
                SELECT
                  `t20`.`source`,
                  `t20`.`reporter`,
                  `t20`.`partner`,
                  `t20`.`flow`,
                  `t20`.`year`,
                  `t20`.`month`,
                  `t20`.`product_level`,
                  `t20`.`classification`,
                  `t20`.`code`,
                  `t20`.`value`,
                  `t20`.`confidential_value`,
                  `t20`.`quantity_kg`,
                  `t20`.`rows`,
                  `t20`.`currency`,
                  `t20`.`flags`,
                  `t20`.`vintage`,
                  `t20`.`side`,
                  CASE `t20`.`product_level`
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
                  END AS `level_rank`
                FROM (
                  SELECT
                    `t12`.`source`,
                    `t12`.`reporter`,
                    `t12`.`partner`,
                    `t12`.`flow`,
                    `t12`.`year`,
                    `t12`.`month`,
                    `t12`.`product_level`,
                    `t12`.`classification`,
                    `t12`.`code`,
                    `t12`.`value`,
                    `t12`.`confidential_value`,
                    `t12`.`quantity_kg`,
                    `t12`.`rows`,
                    `t12`.`currency`,
                    `t12`.`flags`,
                    `t12`.`vintage`,
                    CASE
                      WHEN `t12`.`reporter` IN ('bilateral_stand_in_0000')
                      AND (
                        (
                          `t12`.`partner` = 'WORLD'
                        )
                        OR NOT (
                          `t12`.`partner` IN (
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
                          `t12`.`reporter` = 'WORLD'
                        )
                        OR NOT (
                          `t12`.`reporter` IN (
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
                      AND `t12`.`partner` IN ('bilateral_stand_in_0000')
                      THEN 'second'
                      ELSE NULL
                    END AS `side`
                  FROM (
                    SELECT
                      `t10`.`source`,
                      `t10`.`reporter`,
                      `t10`.`partner`,
                      `t10`.`flow`,
                      `t10`.`year`,
                      `t10`.`month`,
                      `t10`.`product_level`,
                      `t10`.`classification`,
                      `t10`.`code`,
                      `t10`.`value`,
                      `t10`.`confidential_value`,
                      `t10`.`quantity_kg`,
                      `t10`.`rows`,
                      `t10`.`currency`,
                      `t10`.`flags`,
                      `t10`.`vintage`
                    FROM (
                      SELECT
                        `t6`.`source`,
                        IF(`t6`.`_copy`, `t6`.`partner`, `t6`.`reporter`) AS `reporter`,
                        IF(`t6`.`_copy`, `t6`.`reporter`, `t6`.`partner`) AS `partner`,
                        IF(`t6`.`_copy`, REPLACE(`t6`.`flow`, 'export', 'import'), `t6`.`flow`) AS `flow`,
                        `t6`.`year`,
                        `t6`.`month`,
                        `t6`.`product_level`,
                        `t6`.`classification`,
                        `t6`.`code`,
                        `t6`.`value`,
                        `t6`.`confidential_value`,
                        `t6`.`quantity_kg`,
                        `t6`.`rows`,
                        `t6`.`currency`,
                        `t6`.`flags`,
                        `t6`.`vintage`,
                        `t6`.`_copy`
                      FROM (
                        SELECT
                          `t2`.`source`,
                          `t2`.`reporter`,
                          `t2`.`partner`,
                          `t2`.`flow`,
                          `t2`.`year`,
                          `t2`.`month`,
                          `t2`.`product_level`,
                          `t2`.`classification`,
                          `t2`.`code`,
                          `t2`.`value`,
                          `t2`.`confidential_value`,
                          `t2`.`quantity_kg`,
                          `t2`.`rows`,
                          `t2`.`currency`,
                          `t2`.`flags`,
                          `t2`.`vintage`,
                          EXPLODE(
                            IF(
                              `t2`.`source` IN ('baci')
                              AND (
                                `t2`.`flow` = 'export'
                              )
                              AND CONTAINS(COALESCE(`t2`.`flags`, ''), 'reconciled'),
                              ARRAY(FALSE, TRUE),
                              ARRAY(FALSE)
                            )
                          ) AS `_copy`
                        FROM (
                          SELECT
                            *
                          FROM `rollup_products` AS `t0`
                          WHERE
                            `t0`.`classification` = 'HS2'
                            AND `t0`.`year` IN (2024)
                            AND (
                              `t0`.`reporter` IN ('bilateral_stand_in_0000')
                              OR `t0`.`partner` IN ('bilateral_stand_in_0000')
                            )
                        ) AS `t2`
                      ) AS `t6`
                    ) AS `t10`
                  ) AS `t12`
                ) AS `t20`
                WHERE
                  `t20`.`side` IS NOT NULL
              ) AS `t24`
            ) AS `t32`
            WHERE
              (
                (
                  `t32`.`month` IS NULL
                ) OR `t32`.`_monthly_only`
              )
              AND `t32`.`level_rank` = `t32`.`_top_level`
              AND `t32`.`_members_rank` = `t32`.`_top_members`
          ) AS `t36`
        ) AS `t38`
        WHERE
          `t38`.`side` = 'first'
      ) AS `t42`
      GROUP BY
        1,
        2,
        3
    ) AS `t47`
  ) AS `t49`
) AS `t50`
