-- bilateral.query.profile.profile_sql(country(0000), country(0001), (2023, 2024), from_flows=True, dialect='pyspark')
SELECT
  `t16`.`source`,
  `t16`.`side`,
  `t16`.`flow`,
  `t16`.`year`,
  `t16`.`month`,
  `t16`.`reporter`,
  SUM(`t16`.`unconverted`) AS `unconverted`,
  SUM(`t16`.`value`) AS `value`,
  SUM(`t16`.`confidential_value`) AS `confidential_value`,
  ARRAY_MIN(COLLECT_LIST(`t16`.`currency`)) AS `currency`,
  ARRAY_MAX(COLLECT_LIST(`t16`.`vintage`)) AS `vintage`,
  MIN(`t16`.`months`) AS `months`,
  BOOL_OR(`t16`.`annual`) AS `annual`,
  BOOL_OR(`t16`.`synthetic`) AS `synthetic`,
  BOOL_OR(`t16`.`reconciled`) AS `reconciled`,
  BOOL_OR(`t16`.`file_dated`) AS `file_dated`,
  MIN(`t16`.`product_level`) AS `product_level`
FROM (
  SELECT
    `t15`.`source`,
    `t15`.`side`,
    `t15`.`flow`,
    `t15`.`year`,
    `t15`.`month`,
    `t15`.`reporter`,
    SUM(CAST(`t15`.`unconverted` AS INT)) AS `unconverted`,
    SUM(`t15`.`value`) AS `value`,
    SUM(`t15`.`confidential_value`) AS `confidential_value`,
    ARRAY_MIN(COLLECT_LIST(`t15`.`currency`)) AS `currency`,
    ARRAY_MAX(COLLECT_LIST(`t15`.`vintage`)) AS `vintage`,
    COALESCE(SIZE(ARRAY_DISTINCT(COLLECT_LIST(`t15`.`month`))), 0) AS `months`,
    BOOL_OR(`t15`.`month` IS NULL) AS `annual`,
    BOOL_OR(CONTAINS(COALESCE(`t15`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t15`.`flags`, ''), 'reconciled')) AS `reconciled`,
    BOOL_OR(CONTAINS(COALESCE(`t15`.`flags`, ''), 'file_dated')) AS `file_dated`,
    MIN(`t15`.`product_level`) AS `product_level`
  FROM (
    SELECT
      `t14`.`source`,
      `t14`.`reporter`,
      `t14`.`partner`,
      `t14`.`flow`,
      `t14`.`year`,
      `t14`.`month`,
      `t14`.`product_level`,
      `t14`.`value`,
      `t14`.`confidential_value`,
      `t14`.`currency`,
      `t14`.`flags`,
      `t14`.`vintage`,
      `t14`.`side`,
      `t14`.`level_rank`,
      FALSE AS `unconverted`
    FROM (
      SELECT
        `t13`.`source`,
        `t13`.`reporter`,
        `t13`.`partner`,
        `t13`.`flow`,
        `t13`.`year`,
        `t13`.`month`,
        `t13`.`product_level`,
        `t13`.`value`,
        `t13`.`confidential_value`,
        `t13`.`currency`,
        `t13`.`flags`,
        `t13`.`vintage`,
        `t13`.`side`,
        `t13`.`level_rank`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t11`.`source`,
            `t11`.`reporter`,
            `t11`.`partner`,
            `t11`.`flow`,
            `t11`.`year`,
            `t11`.`month`,
            `t11`.`product_level`,
            `t11`.`value`,
            `t11`.`confidential_value`,
            `t11`.`currency`,
            `t11`.`flags`,
            `t11`.`vintage`,
            `t11`.`side`,
            `t11`.`level_rank`,
            `t11`.`_annual`,
            MIN(`t11`.`level_rank`) OVER (
              PARTITION BY `t11`.`source`, `t11`.`side`, `t11`.`flow`, `t11`.`year`, `t11`.`reporter`, `t11`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_first_level`,
            BOOL_OR(`t11`.`_annual`) OVER (
              PARTITION BY `t11`.`source`, `t11`.`side`, `t11`.`flow`, `t11`.`year`, `t11`.`reporter`, `t11`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_any_annual`
          FROM (
            SELECT
              `t10`.`source`,
              `t10`.`reporter`,
              `t10`.`partner`,
              `t10`.`flow`,
              `t10`.`year`,
              `t10`.`month`,
              `t10`.`product_level`,
              `t10`.`value`,
              `t10`.`confidential_value`,
              `t10`.`currency`,
              `t10`.`flags`,
              `t10`.`vintage`,
              `t10`.`side`,
              `t10`.`level_rank`,
              `t10`.`_annual`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t8`.`source`,
                  `t8`.`reporter`,
                  `t8`.`partner`,
                  `t8`.`flow`,
                  `t8`.`year`,
                  `t8`.`month`,
                  `t8`.`product_level`,
                  `t8`.`value`,
                  `t8`.`confidential_value`,
                  `t8`.`currency`,
                  `t8`.`flags`,
                  `t8`.`vintage`,
                  `t8`.`side`,
                  `t8`.`level_rank`,
                  `t8`.`_annual`,
                  `t8`.`_members_rank`,
                  MIN(`t8`.`_members_rank`) OVER (
                    PARTITION BY `t8`.`source`, `t8`.`side`, `t8`.`flow`, `t8`.`year`
                    ORDER BY `t8`.`reporter` ASC, `t8`.`partner` ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS `_fewest`
                FROM (
                  SELECT
                    `t7`.`source`,
                    `t7`.`reporter`,
                    `t7`.`partner`,
                    `t7`.`flow`,
                    `t7`.`year`,
                    `t7`.`month`,
                    `t7`.`product_level`,
                    `t7`.`value`,
                    `t7`.`confidential_value`,
                    `t7`.`currency`,
                    `t7`.`flags`,
                    `t7`.`vintage`,
                    `t7`.`side`,
                    CASE `t7`.`product_level`
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
                    END AS `level_rank`,
                    `t7`.`month` IS NULL AS `_annual`,
                    0 AS `_members_rank`
                  FROM (
                    SELECT
                      `t6`.`source`,
                      `t6`.`reporter`,
                      `t6`.`partner`,
                      `t6`.`flow`,
                      `t6`.`year`,
                      `t6`.`month`,
                      `t6`.`product_level`,
                      `t6`.`value`,
                      `t6`.`confidential_value`,
                      `t6`.`currency`,
                      `t6`.`flags`,
                      `t6`.`vintage`,
                      CASE
                        WHEN `t6`.`reporter` IN ('bilateral_stand_in_0000')
                        AND `t6`.`partner` IN ('bilateral_stand_in_0001')
                        THEN 'first'
                        WHEN `t6`.`reporter` IN ('bilateral_stand_in_0001')
                        AND `t6`.`partner` IN ('bilateral_stand_in_0000')
                        THEN 'second'
                        ELSE NULL
                      END AS `side`
                    FROM (
                      SELECT
                        `t5`.`source`,
                        `t5`.`reporter`,
                        `t5`.`partner`,
                        `t5`.`flow`,
                        `t5`.`year`,
                        `t5`.`month`,
                        `t5`.`product_level`,
                        `t5`.`value`,
                        `t5`.`confidential_value`,
                        `t5`.`currency`,
                        `t5`.`flags`,
                        `t5`.`vintage`
                      FROM (
                        SELECT
                          `t4`.`source`,
                          IF(`t4`.`_copy`, `t4`.`partner`, `t4`.`reporter`) AS `reporter`,
                          IF(`t4`.`_copy`, `t4`.`reporter`, `t4`.`partner`) AS `partner`,
                          CAST(IF(`t4`.`_copy`, REPLACE(`t4`.`flow`, 'export', 'import'), `t4`.`flow`) AS STRING) AS `flow`,
                          `t4`.`year`,
                          `t4`.`month`,
                          `t4`.`product_level`,
                          `t4`.`value`,
                          `t4`.`confidential_value`,
                          `t4`.`currency`,
                          `t4`.`flags`,
                          `t4`.`vintage`,
                          `t4`.`_copy`
                        FROM (
                          SELECT
                            `t3`.`source`,
                            `t3`.`reporter`,
                            `t3`.`partner`,
                            `t3`.`flow`,
                            `t3`.`year`,
                            `t3`.`month`,
                            `t3`.`product_level`,
                            `t3`.`value`,
                            `t3`.`confidential_value`,
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
                            FROM (
                              SELECT
                                `t1`.`source`,
                                `t1`.`reporter`,
                                `t1`.`partner`,
                                `t1`.`flow`,
                                `t1`.`year`,
                                `t1`.`month`,
                                `t1`.`product_level`,
                                SUM(`t1`.`value`) AS `value`,
                                SUM(IF(CONTAINS(COALESCE(`t1`.`flags`, ''), 'confidential'), `t1`.`value`, 0.0)) AS `confidential_value`,
                                MIN(`t1`.`currency`) AS `currency`,
                                ARRAY_JOIN(
                                  IF(
                                    SIZE(COLLECT_LIST(COALESCE(`t1`.`flags`, ''))) = 0,
                                    NULL,
                                    COLLECT_LIST(COALESCE(`t1`.`flags`, ''))
                                  ),
                                  ','
                                ) AS `flags`,
                                MAX(`t1`.`vintage`) AS `vintage`
                              FROM (
                                SELECT
                                  `t0`.`source`,
                                  `t0`.`reporter`,
                                  `t0`.`partner`,
                                  `t0`.`flow`,
                                  `t0`.`year`,
                                  `t0`.`month`,
                                  `t0`.`product`,
                                  `t0`.`product_scheme`,
                                  `t0`.`product_cpa`,
                                  `t0`.`value`,
                                  `t0`.`currency`,
                                  `t0`.`quantity_kg`,
                                  `t0`.`flags`,
                                  `t0`.`trade_type`,
                                  `t0`.`stat_procedure`,
                                  `t0`.`vintage`,
                                  `t0`.`value_cif`,
                                  `t0`.`value_fob`,
                                  CASE
                                    WHEN `t0`.`product_scheme` = 'TOTAL'
                                    THEN 'TOTAL'
                                    WHEN STARTSWITH(`t0`.`product_scheme`, 'CN')
                                    THEN 'CN8'
                                    WHEN `t0`.`product_scheme` RLIKE '^HS[0-9]{4}$'
                                    THEN 'HS6'
                                    ELSE `t0`.`product_scheme`
                                  END AS `product_level`
                                FROM `flows` AS `t0`
                              ) AS `t1`
                              GROUP BY
                                1,
                                2,
                                3,
                                4,
                                5,
                                6,
                                7
                            ) AS `t2`
                            WHERE
                              `t2`.`year` IN (2022, 2023, 2024)
                              AND (
                                (
                                  `t2`.`reporter` IN ('bilateral_stand_in_0000')
                                  AND `t2`.`partner` IN ('bilateral_stand_in_0001')
                                )
                                OR (
                                  `t2`.`reporter` IN ('bilateral_stand_in_0001')
                                  AND `t2`.`partner` IN ('bilateral_stand_in_0000')
                                )
                              )
                          ) AS `t3`
                        ) AS `t4`
                      ) AS `t5`
                    ) AS `t6`
                  ) AS `t7`
                  WHERE
                    `t7`.`side` IS NOT NULL
                ) AS `t8`
              ) AS `t9`
              WHERE
                `t9`.`_members_rank` = `t9`.`_fewest`
            ) AS `t10`
          ) AS `t11`
        ) AS `t12`
        WHERE
          `t12`.`level_rank` = `t12`.`_first_level`
          AND `t12`.`_annual` = `t12`.`_any_annual`
      ) AS `t13`
    ) AS `t14`
  ) AS `t15`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS `t16`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
