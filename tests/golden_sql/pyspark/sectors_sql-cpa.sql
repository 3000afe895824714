-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'cpa', dialect='pyspark')
SELECT
  `t9`.`source`,
  `t9`.`side`,
  `t9`.`flow`,
  `t9`.`year`,
  `t9`.`code`,
  `t9`.`month`,
  SUM(CAST(`t9`.`unconverted` AS INT)) AS `unconverted`,
  COLLECT_LIST(`t9`.`reporter`) AS `members`,
  SUM(`t9`.`value`) AS `value`,
  MIN(`t9`.`currency`) AS `currency`,
  MAX(`t9`.`vintage`) AS `vintage`,
  BOOL_OR(CONTAINS(COALESCE(`t9`.`flags`, ''), 'synthetic')) AS `synthetic`,
  BOOL_OR(CONTAINS(COALESCE(`t9`.`flags`, ''), 'file_dated')) AS `file_dated`
FROM (
  SELECT
    `t8`.`source`,
    `t8`.`reporter`,
    `t8`.`partner`,
    `t8`.`flow`,
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
    `t8`.`side`,
    `t8`.`level_rank`,
    FALSE AS `unconverted`
  FROM (
    SELECT
      `t7`.`source`,
      `t7`.`reporter`,
      `t7`.`partner`,
      `t7`.`flow`,
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
      `t7`.`side`,
      `t7`.`level_rank`
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
          `t5`.`classification`,
          `t5`.`code`,
          `t5`.`value`,
          `t5`.`confidential_value`,
          `t5`.`quantity_kg`,
          `t5`.`rows`,
          `t5`.`currency`,
          `t5`.`flags`,
          `t5`.`vintage`,
          `t5`.`side`,
          `t5`.`level_rank`,
          NOT (
            BOOL_OR(`t5`.`month` IS NULL) OVER (
              PARTITION BY `t5`.`source`, `t5`.`side`, `t5`.`flow`, `t5`.`year`, `t5`.`classification`, `t5`.`reporter`, `t5`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            )
          ) AS `_monthly_only`,
          MIN(`t5`.`level_rank`) OVER (
            PARTITION BY `t5`.`source`, `t5`.`side`, `t5`.`flow`, `t5`.`year`, `t5`.`classification`, `t5`.`reporter`, `t5`.`partner`
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) AS `_top_level`
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
            CASE
              WHEN `t4`.`reporter` IN ('bilateral_stand_in_0000')
              AND `t4`.`partner` IN ('bilateral_stand_in_0001')
              THEN 'first'
              WHEN `t4`.`reporter` IN ('bilateral_stand_in_0001')
              AND `t4`.`partner` IN ('bilateral_stand_in_0000')
              THEN 'second'
              ELSE NULL
            END AS `side`,
            CASE `t4`.`product_level`
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
                `t2`.`classification`,
                `t2`.`code`,
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
                    `t0`.`classification` = 'CPA2'
                    AND `t0`.`year` IN (2023, 2024)
                    AND (
                      (
                        `t0`.`reporter` IN ('bilateral_stand_in_0000')
                        AND `t0`.`partner` IN ('bilateral_stand_in_0001')
                      )
                      OR (
                        `t0`.`reporter` IN ('bilateral_stand_in_0001')
                        AND `t0`.`partner` IN ('bilateral_stand_in_0000')
                      )
                    )
                ) AS `t1`
              ) AS `t2`
            ) AS `t3`
          ) AS `t4`
          WHERE
            CASE
              WHEN `t4`.`reporter` IN ('bilateral_stand_in_0000')
              AND `t4`.`partner` IN ('bilateral_stand_in_0001')
              THEN 'first'
              WHEN `t4`.`reporter` IN ('bilateral_stand_in_0001')
              AND `t4`.`partner` IN ('bilateral_stand_in_0000')
              THEN 'second'
              ELSE NULL
            END IS NOT NULL
        ) AS `t5`
      ) AS `t6`
      WHERE
        (
          (
            `t6`.`month` IS NULL
          ) OR `t6`.`_monthly_only`
        )
        AND `t6`.`level_rank` = `t6`.`_top_level`
    ) AS `t7`
  ) AS `t8`
) AS `t9`
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6
