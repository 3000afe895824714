-- bilateral.query.partners.partners_sql(country(0000), 2024, 'export', currency='USD', dialect='pyspark')
SELECT
  `t19`.`source`,
  `t19`.`code`,
  `t19`.`year`,
  `t19`.`month`,
  `t19`.`unconverted`,
  `t19`.`value`,
  `t19`.`published`,
  `t19`.`members`,
  `t19`.`currency`,
  `t19`.`vintage`,
  `t19`.`synthetic`,
  `t19`.`file_dated`,
  `t19`.`published_total`,
  `t19`.`line`
FROM (
  SELECT
    `t18`.`source`,
    `t18`.`code`,
    `t18`.`year`,
    `t18`.`month`,
    `t18`.`line`,
    SUM(CAST(`t18`.`unconverted` AS BIGINT)) AS `unconverted`,
    SUM(`t18`.`value`) AS `value`,
    BOOL_OR(`t18`.`published`) AS `published`,
    COLLECT_LIST(`t18`.`reporter`) AS `members`,
    MIN(`t18`.`currency`) AS `currency`,
    MAX(`t18`.`vintage`) AS `vintage`,
    BOOL_OR(CONTAINS(COALESCE(`t18`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t18`.`flags`, ''), 'file_dated')) AS `file_dated`,
    BOOL_AND(`t18`.`product_level` = 'TOTAL') AS `published_total`
  FROM (
    SELECT
      `t17`.`source`,
      `t17`.`reporter`,
      `t17`.`partner`,
      `t17`.`flow`,
      `t17`.`year`,
      `t17`.`month`,
      `t17`.`product_level`,
      `t17`.`value`,
      `t17`.`confidential_value`,
      `t17`.`quantity_kg`,
      `t17`.`rows`,
      `t17`.`currency`,
      `t17`.`flags`,
      `t17`.`vintage`,
      `t17`.`level_rank`,
      `t17`.`code`,
      `t17`.`published`,
      `t17`.`line`,
      `t17`.`unconverted`
    FROM (
      SELECT
        `t16`.`source`,
        `t16`.`reporter`,
        `t16`.`partner`,
        `t16`.`flow`,
        `t16`.`year`,
        `t16`.`month`,
        `t16`.`product_level`,
        (
          `t16`.`value` * `t16`.`target_rate`
        ) / `t16`.`own_rate` AS `value`,
        (
          `t16`.`confidential_value` * `t16`.`target_rate`
        ) / `t16`.`own_rate` AS `confidential_value`,
        `t16`.`quantity_kg`,
        `t16`.`rows`,
        'USD' AS `currency`,
        `t16`.`flags`,
        `t16`.`vintage`,
        `t16`.`level_rank`,
        `t16`.`code`,
        `t16`.`published`,
        `t16`.`line`,
        `t16`.`rate_currency`,
        `t16`.`rate_year`,
        `t16`.`rate_month`,
        `t16`.`own_rate`,
        `t16`.`target_currency`,
        `t16`.`target_year`,
        `t16`.`target_month`,
        `t16`.`target_rate`,
        `t16`.`own_rate` IS NULL
        OR ISNAN(`t16`.`own_rate`)
        OR (
          `t16`.`target_rate` IS NULL OR ISNAN(`t16`.`target_rate`)
        ) AS `unconverted`
      FROM (
        SELECT
          `t15`.`source`,
          `t15`.`reporter`,
          `t15`.`partner`,
          `t15`.`flow`,
          `t15`.`year`,
          `t15`.`month`,
          `t15`.`product_level`,
          `t15`.`value`,
          `t15`.`confidential_value`,
          `t15`.`quantity_kg`,
          `t15`.`rows`,
          `t15`.`currency`,
          `t15`.`flags`,
          `t15`.`vintage`,
          `t15`.`level_rank`,
          `t15`.`code`,
          `t15`.`published`,
          `t15`.`line`,
          `t4`.`rate_currency`,
          `t4`.`rate_year`,
          `t4`.`rate_month`,
          `t4`.`own_rate`,
          `t6`.`target_currency`,
          `t6`.`target_year`,
          `t6`.`target_month`,
          `t6`.`target_rate`
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
            `t13`.`level_rank`,
            `t13`.`code`,
            `t13`.`published`,
            `t13`.`line`
          FROM (
            SELECT
              `t12`.`source`,
              `t12`.`reporter`,
              `t12`.`partner`,
              `t12`.`flow`,
              `t12`.`year`,
              `t12`.`month`,
              `t12`.`product_level`,
              `t12`.`value`,
              `t12`.`confidential_value`,
              `t12`.`quantity_kg`,
              `t12`.`rows`,
              `t12`.`currency`,
              `t12`.`flags`,
              `t12`.`vintage`,
              `t12`.`level_rank`,
              `t12`.`code`,
              `t12`.`published` = 1 AS `published`,
              `t12`.`line`,
              `t12`.`_top`
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
                `t11`.`level_rank`,
                `t11`.`code`,
                CAST(`t11`.`code` IN ('EU27_2020', 'EXT_EU27_2020', 'WORLD')
                AND (
                  `t11`.`partner` = `t11`.`code`
                ) AS TINYINT) AS `published`,
                IF(`t11`.`code` IN ('EU27_2020', 'EXT_EU27_2020', 'WORLD'), 'group', 'partner') AS `line`,
                MAX(
                  CAST(`t11`.`code` IN ('EU27_2020', 'EXT_EU27_2020', 'WORLD')
                  AND (
                    `t11`.`partner` = `t11`.`code`
                  ) AS TINYINT)
                ) OVER (
                  PARTITION BY `t11`.`source`, `t11`.`year`, `t11`.`code`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) AS `_top`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t9`.`source`,
                    `t9`.`reporter`,
                    `t9`.`partner`,
                    `t9`.`flow`,
                    `t9`.`year`,
                    `t9`.`month`,
                    `t9`.`product_level`,
                    `t9`.`value`,
                    `t9`.`confidential_value`,
                    `t9`.`quantity_kg`,
                    `t9`.`rows`,
                    `t9`.`currency`,
                    `t9`.`flags`,
                    `t9`.`vintage`,
                    `t9`.`level_rank`,
                    EXPLODE(
                      ARRAY(
                        IF(
                          NOT (
                            `t9`.`partner` IN (
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
                          ),
                          `t9`.`partner`,
                          CAST(NULL AS STRING)
                        ),
                        IF(
                          (
                            `t9`.`partner` = 'EU27_2020'
                          )
                          OR (
                            (
                              `t9`.`partner` IN ('BEL', 'BLX', 'LUX')
                              AND (
                                CAST(`t9`.`year` AS INT) * 100
                              ) + COALESCE(CAST(`t9`.`month` AS INT), 12) BETWEEN 0 AND 199812
                            )
                            OR `t9`.`partner` IN (
                              'AUT',
                              'BEL',
                              'BGR',
                              'CYP',
                              'CZE',
                              'DEU',
                              'DNK',
                              'ESP',
                              'EST',
                              'FIN',
                              'FRA',
                              'GRC',
                              'HRV',
                              'HUN',
                              'IRL',
                              'ITA',
                              'LTU',
                              'LUX',
                              'LVA',
                              'MLT',
                              'NLD',
                              'POL',
                              'PRT',
                              'ROU',
                              'SVK',
                              'SVN',
                              'SWE',
                              'XB'
                            )
                          ),
                          'EU27_2020',
                          NULL
                        ),
                        IF(
                          (
                            `t9`.`partner` = 'EXT_EU27_2020'
                          )
                          OR (
                            NOT (
                              `t9`.`partner` IN (
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
                                'WORLD',
                                'QR',
                                'QV',
                                'QY'
                              )
                            )
                            AND NOT (
                              (
                                `t9`.`partner` IN ('BEL', 'BLX', 'LUX')
                                AND (
                                  CAST(`t9`.`year` AS INT) * 100
                                ) + COALESCE(CAST(`t9`.`month` AS INT), 12) BETWEEN 0 AND 199812
                              )
                              OR `t9`.`partner` IN (
                                'AUT',
                                'BEL',
                                'BGR',
                                'CYP',
                                'CZE',
                                'DEU',
                                'DNK',
                                'ESP',
                                'EST',
                                'FIN',
                                'FRA',
                                'GRC',
                                'HRV',
                                'HUN',
                                'IRL',
                                'ITA',
                                'LTU',
                                'LUX',
                                'LVA',
                                'MLT',
                                'NLD',
                                'POL',
                                'PRT',
                                'ROU',
                                'SVK',
                                'SVN',
                                'SWE',
                                'XB'
                              )
                            )
                          ),
                          'EXT_EU27_2020',
                          NULL
                        ),
                        IF(
                          (
                            `t9`.`partner` = 'WORLD'
                          )
                          OR NOT (
                            `t9`.`partner` IN (
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
                          ),
                          'WORLD',
                          NULL
                        )
                      )
                    ) AS `code`
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
                      `t8`.`level_rank`
                    FROM (
                      SELECT
                        *
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
                          `t5`.`quantity_kg`,
                          `t5`.`rows`,
                          `t5`.`currency`,
                          `t5`.`flags`,
                          `t5`.`vintage`,
                          `t5`.`level_rank`,
                          NOT (
                            BOOL_OR(`t5`.`month` IS NULL) OVER (
                              PARTITION BY `t5`.`source`, `t5`.`flow`, `t5`.`year`, `t5`.`partner`, `t5`.`reporter`
                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                            )
                          ) AS `_monthly_only`,
                          MIN(`t5`.`level_rank`) OVER (
                            PARTITION BY `t5`.`source`, `t5`.`flow`, `t5`.`year`, `t5`.`partner`, `t5`.`reporter`
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) AS `_top_level`
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
                            CASE `t1`.`product_level`
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
                          FROM `rollup_totals` AS `t1`
                          WHERE
                            `t1`.`flow` = 'export'
                            AND `t1`.`year` IN (2023, 2024)
                            AND `t1`.`reporter` IN ('bilateral_stand_in_0000')
                        ) AS `t5`
                      ) AS `t7`
                      WHERE
                        (
                          (
                            `t7`.`month` IS NULL
                          ) OR `t7`.`_monthly_only`
                        )
                        AND `t7`.`level_rank` = `t7`.`_top_level`
                    ) AS `t8`
                  ) AS `t9`
                ) AS `t10`
                WHERE
                  `t10`.`code` IS NOT NULL
              ) AS `t11`
            ) AS `t12`
            WHERE
              `t12`.`published` = `t12`.`_top`
          ) AS `t13`
        ) AS `t15`
        LEFT OUTER JOIN (
          SELECT
            `t0`.`currency` AS `rate_currency`,
            `t0`.`year` AS `rate_year`,
            `t0`.`month` AS `rate_month`,
            `t0`.`per_eur` AS `own_rate`
          FROM `rates` AS `t0`
        ) AS `t4`
          ON `t15`.`currency` = `t4`.`rate_currency`
          AND `t15`.`year` = `t4`.`rate_year`
          AND `t15`.`month` IS NOT DISTINCT FROM `t4`.`rate_month`
        LEFT OUTER JOIN (
          SELECT
            `t0`.`currency` AS `target_currency`,
            `t0`.`year` AS `target_year`,
            `t0`.`month` AS `target_month`,
            `t0`.`per_eur` AS `target_rate`
          FROM `rates` AS `t0`
          WHERE
            `t0`.`currency` = 'USD'
        ) AS `t6`
          ON `t15`.`year` = `t6`.`target_year`
          AND `t15`.`month` IS NOT DISTINCT FROM `t6`.`target_month`
      ) AS `t16`
    ) AS `t17`
  ) AS `t18`
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS `t19`
