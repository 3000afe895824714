-- bilateral.query.series.series_sql(country(0000), country(0001), None, dialect='pyspark')
SELECT
  `t17`.`kind`,
  `t17`.`source`,
  `t17`.`side`,
  `t17`.`flow`,
  `t17`.`year`,
  `t17`.`_month` AS `month`,
  `t17`.`reporters`,
  `t17`.`unconverted`,
  `t17`.`value`,
  `t17`.`currency`,
  `t17`.`vintage`,
  `t17`.`months`,
  `t17`.`annual`,
  `t17`.`synthetic`,
  `t17`.`published_total`
FROM (
  SELECT
    `t16`.`kind`,
    `t16`.`source`,
    `t16`.`side`,
    `t16`.`flow`,
    `t16`.`year`,
    `t16`.`_month`,
    SUM(`t16`.`unconverted`) AS `unconverted`,
    SIZE(COLLECT_LIST(`t16`.`reporter`)) AS `reporters`,
    SUM(`t16`.`value`) AS `value`,
    MIN(`t16`.`currency`) AS `currency`,
    MAX(`t16`.`vintage`) AS `vintage`,
    MIN(`t16`.`months`) AS `months`,
    BOOL_OR(`t16`.`annual`) AS `annual`,
    BOOL_OR(`t16`.`synthetic`) AS `synthetic`,
    BOOL_AND(`t16`.`published_total`) AS `published_total`
  FROM (
    SELECT
      `t15`.`kind`,
      `t15`.`source`,
      `t15`.`side`,
      `t15`.`flow`,
      `t15`.`year`,
      `t15`.`_month`,
      `t15`.`reporter`,
      SUM(CAST(`t15`.`unconverted` AS INT)) AS `unconverted`,
      SUM(`t15`.`value`) AS `value`,
      MIN(`t15`.`currency`) AS `currency`,
      MAX(`t15`.`vintage`) AS `vintage`,
      COALESCE(SIZE(ARRAY_DISTINCT(COLLECT_LIST(`t15`.`month`))), 0) AS `months`,
      BOOL_OR(`t15`.`month` IS NULL) AS `annual`,
      BOOL_OR(CONTAINS(COALESCE(`t15`.`flags`, ''), 'synthetic')) AS `synthetic`,
      BOOL_AND(`t15`.`product_level` = 'TOTAL') AS `published_total`
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
        `t14`.`quantity_kg`,
        `t14`.`rows`,
        `t14`.`currency`,
        `t14`.`flags`,
        `t14`.`vintage`,
        `t14`.`side`,
        `t14`.`kind`,
        `t14`.`level_rank`,
        FALSE AS `unconverted`,
        IF(`t14`.`kind` = 'month', `t14`.`month`, CAST(NULL AS TINYINT)) AS `_month`
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
          `t13`.`quantity_kg`,
          `t13`.`rows`,
          `t13`.`currency`,
          `t13`.`flags`,
          `t13`.`vintage`,
          `t13`.`side`,
          `t13`.`kind`,
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
              `t11`.`quantity_kg`,
              `t11`.`rows`,
              `t11`.`currency`,
              `t11`.`flags`,
              `t11`.`vintage`,
              `t11`.`side`,
              `t11`.`kind`,
              `t11`.`level_rank`,
              `t11`.`_annual`,
              MIN(`t11`.`level_rank`) OVER (
                PARTITION BY `t11`.`source`, `t11`.`side`, `t11`.`flow`, `t11`.`year`, `t11`.`kind`, `t11`.`reporter`, `t11`.`partner`
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS `_first_level`,
              BOOL_OR(`t11`.`_annual`) OVER (
                PARTITION BY `t11`.`source`, `t11`.`side`, `t11`.`flow`, `t11`.`year`, `t11`.`kind`, `t11`.`reporter`, `t11`.`partner`
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
                `t10`.`quantity_kg`,
                `t10`.`rows`,
                `t10`.`currency`,
                `t10`.`flags`,
                `t10`.`vintage`,
                `t10`.`side`,
                `t10`.`kind`,
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
                    `t8`.`quantity_kg`,
                    `t8`.`rows`,
                    `t8`.`currency`,
                    `t8`.`flags`,
                    `t8`.`vintage`,
                    `t8`.`side`,
                    `t8`.`kind`,
                    `t8`.`level_rank`,
                    `t8`.`_annual`,
                    `t8`.`_members_rank`,
                    MIN(`t8`.`_members_rank`) OVER (
                      PARTITION BY `t8`.`source`, `t8`.`side`, `t8`.`flow`, `t8`.`year`, `t8`.`kind`
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
                      `t7`.`quantity_kg`,
                      `t7`.`rows`,
                      `t7`.`currency`,
                      `t7`.`flags`,
                      `t7`.`vintage`,
                      `t7`.`side`,
                      `t7`.`kind`,
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
                        `t6`.`quantity_kg`,
                        `t6`.`rows`,
                        `t6`.`currency`,
                        `t6`.`flags`,
                        `t6`.`vintage`,
                        `t6`.`side`,
                        EXPLODE(IF(`t6`.`month` IS NULL, ARRAY('year'), ARRAY('year', 'month'))) AS `kind`
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t4`.`source`,
                            `t4`.`reporter`,
                            `t4`.`partner`,
                            `t4`.`flow`,
                            `t4`.`year`,
                            `t4`.`month`,
                            `t4`.`product_level`,
                            `t4`.`value`,
                            `t4`.`confidential_value`,
                            `t4`.`quantity_kg`,
                            `t4`.`rows`,
                            `t4`.`currency`,
                            `t4`.`flags`,
                            `t4`.`vintage`,
                            CASE
                              WHEN `t4`.`reporter` IN ('bilateral_stand_in_0000')
                              AND `t4`.`partner` IN ('bilateral_stand_in_0001')
                              THEN 'first'
                              WHEN `t4`.`reporter` IN ('bilateral_stand_in_0001')
                              AND `t4`.`partner` IN ('bilateral_stand_in_0000')
                              THEN 'second'
                              ELSE NULL
                            END AS `side`
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
                              `t3`.`quantity_kg`,
                              `t3`.`rows`,
                              `t3`.`currency`,
                              `t3`.`flags`,
                              `t3`.`vintage`
                            FROM (
                              SELECT
                                `t2`.`source`,
                                IF(`t2`.`_copy`, `t2`.`partner`, `t2`.`reporter`) AS `reporter`,
                                IF(`t2`.`_copy`, `t2`.`reporter`, `t2`.`partner`) AS `partner`,
                                IF(`t2`.`_copy`, REPLACE(`t2`.`flow`, 'export', 'import'), `t2`.`flow`) AS `flow`,
                                `t2`.`year`,
                                `t2`.`month`,
                                `t2`.`product_level`,
                                `t2`.`value`,
                                `t2`.`confidential_value`,
                                `t2`.`quantity_kg`,
                                `t2`.`rows`,
                                `t2`.`currency`,
                                `t2`.`flags`,
                                `t2`.`vintage`,
                                `t2`.`_copy`
                              FROM (
                                SELECT
                                  `t1`.`source`,
                                  `t1`.`reporter`,
                                  `t1`.`partner`,
                                  `t1`.`flow`,
                                  `t1`.`year`,
                                  `t1`.`month`,
                                  `t1`.`product_level`,
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
                                  FROM `rollup_totals` AS `t0`
                                  WHERE
                                    (
                                      `t0`.`reporter` IN ('bilateral_stand_in_0000')
                                      AND `t0`.`partner` IN ('bilateral_stand_in_0001')
                                    )
                                    OR (
                                      `t0`.`reporter` IN ('bilateral_stand_in_0001')
                                      AND `t0`.`partner` IN ('bilateral_stand_in_0000')
                                    )
                                ) AS `t1`
                              ) AS `t2`
                            ) AS `t3`
                          ) AS `t4`
                        ) AS `t5`
                        WHERE
                          `t5`.`side` IS NOT NULL
                      ) AS `t6`
                    ) AS `t7`
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
      6,
      7
  ) AS `t16`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
) AS `t17`
