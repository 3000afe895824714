-- bilateral.query.sectors.sectors_sql(country(0000), country(0001), 2024, 'cpa', dialect='pyspark')
SELECT
  `t13`.`part`,
  IF(`t13`.`part` = 'sectors', `t13`.`source`, CAST(NULL AS STRING)) AS `sectors__source`,
  IF(`t13`.`part` = 'sectors', `t13`.`side`, CAST(NULL AS STRING)) AS `sectors__side`,
  IF(`t13`.`part` = 'sectors', `t13`.`flow`, CAST(NULL AS STRING)) AS `sectors__flow`,
  IF(`t13`.`part` = 'sectors', `t13`.`year`, CAST(NULL AS SMALLINT)) AS `sectors__year`,
  IF(`t13`.`part` = 'sectors', `t13`.`code`, CAST(NULL AS STRING)) AS `sectors__code`,
  IF(`t13`.`part` = 'sectors', `t13`.`month`, CAST(NULL AS TINYINT)) AS `sectors__month`,
  IF(`t13`.`part` = 'sectors', `t13`.`unconverted`, CAST(NULL AS BIGINT)) AS `sectors__unconverted`,
  IF(`t13`.`part` = 'sectors', `t13`.`members`, CAST(NULL AS ARRAY<STRING>)) AS `sectors__members`,
  IF(`t13`.`part` = 'sectors', `t13`.`value`, CAST(NULL AS DOUBLE)) AS `sectors__value`,
  IF(`t13`.`part` = 'sectors', `t13`.`currency`, CAST(NULL AS STRING)) AS `sectors__currency`,
  IF(`t13`.`part` = 'sectors', `t13`.`vintage`, CAST(NULL AS STRING)) AS `sectors__vintage`,
  IF(`t13`.`part` = 'sectors', `t13`.`synthetic`, CAST(NULL AS BOOLEAN)) AS `sectors__synthetic`,
  IF(`t13`.`part` = 'sectors', `t13`.`file_dated`, CAST(NULL AS BOOLEAN)) AS `sectors__file_dated`,
  IF(`t13`.`part` = 'detail_views', `t13`.`source`, CAST(NULL AS STRING)) AS `detail_views__source`,
  IF(`t13`.`part` = 'detail_views', `t13`.`side`, CAST(NULL AS STRING)) AS `detail_views__side`,
  IF(`t13`.`part` = 'detail_views', `t13`.`flow`, CAST(NULL AS STRING)) AS `detail_views__flow`,
  IF(`t13`.`part` = 'detail_views', `t13`.`year`, CAST(NULL AS SMALLINT)) AS `detail_views__year`,
  IF(`t13`.`part` = 'detail_views', `t13`.`rows`, CAST(NULL AS BIGINT)) AS `detail_views__rows`
FROM (
  SELECT
    `t12`.`part`,
    `t12`.`source`,
    `t12`.`side`,
    `t12`.`flow`,
    `t12`.`year`,
    `t12`.`code`,
    `t12`.`month`,
    SUM(CAST(`t12`.`unconverted` AS INT)) AS `unconverted`,
    COLLECT_LIST(`t12`.`reporter`) AS `members`,
    SUM(`t12`.`value`) AS `value`,
    MIN(`t12`.`currency`) AS `currency`,
    MAX(`t12`.`vintage`) AS `vintage`,
    BOOL_OR(CONTAINS(COALESCE(`t12`.`flags`, ''), 'synthetic')) AS `synthetic`,
    BOOL_OR(CONTAINS(COALESCE(`t12`.`flags`, ''), 'file_dated')) AS `file_dated`,
    COUNT(*) AS `rows`
  FROM (
    SELECT
      `t11`.`side`,
      `t11`.`source`,
      `t11`.`reporter`,
      `t11`.`partner`,
      `t11`.`flow`,
      `t11`.`year`,
      `t11`.`value`,
      `t11`.`confidential_value`,
      `t11`.`currency`,
      `t11`.`flags`,
      `t11`.`vintage`,
      `t11`.`month`,
      `t11`.`product_level`,
      `t11`.`code`,
      `t11`.`part`,
      `t11`.`level_rank`,
      FALSE AS `unconverted`
    FROM (
      SELECT
        `t10`.`side`,
        `t10`.`source`,
        `t10`.`reporter`,
        `t10`.`partner`,
        `t10`.`flow`,
        `t10`.`year`,
        `t10`.`value`,
        `t10`.`confidential_value`,
        `t10`.`currency`,
        `t10`.`flags`,
        `t10`.`vintage`,
        `t10`.`month`,
        `t10`.`product_level`,
        `t10`.`code`,
        `t10`.`part`,
        `t10`.`level_rank`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t8`.`side`,
            `t8`.`source`,
            `t8`.`reporter`,
            `t8`.`partner`,
            `t8`.`flow`,
            `t8`.`year`,
            `t8`.`value`,
            `t8`.`confidential_value`,
            `t8`.`currency`,
            `t8`.`flags`,
            `t8`.`vintage`,
            `t8`.`month`,
            `t8`.`product_level`,
            `t8`.`code`,
            `t8`.`part`,
            `t8`.`level_rank`,
            `t8`.`_annual`,
            MIN(`t8`.`level_rank`) OVER (
              PARTITION BY `t8`.`part`, `t8`.`source`, `t8`.`side`, `t8`.`flow`, `t8`.`year`, `t8`.`reporter`, `t8`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_first_level`,
            BOOL_OR(`t8`.`_annual`) OVER (
              PARTITION BY `t8`.`part`, `t8`.`source`, `t8`.`side`, `t8`.`flow`, `t8`.`year`, `t8`.`reporter`, `t8`.`partner`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `_any_annual`
          FROM (
            SELECT
              `t7`.`side`,
              `t7`.`source`,
              `t7`.`reporter`,
              `t7`.`partner`,
              `t7`.`flow`,
              `t7`.`year`,
              `t7`.`value`,
              `t7`.`confidential_value`,
              `t7`.`currency`,
              `t7`.`flags`,
              `t7`.`vintage`,
              `t7`.`month`,
              `t7`.`product_level`,
              `t7`.`code`,
              `t7`.`part`,
              `t7`.`level_rank`,
              `t7`.`_annual`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t5`.`side`,
                  `t5`.`source`,
                  `t5`.`reporter`,
                  `t5`.`partner`,
                  `t5`.`flow`,
                  `t5`.`year`,
                  `t5`.`value`,
                  `t5`.`confidential_value`,
                  `t5`.`currency`,
                  `t5`.`flags`,
                  `t5`.`vintage`,
                  `t5`.`month`,
                  `t5`.`product_level`,
                  `t5`.`code`,
                  `t5`.`part`,
                  `t5`.`level_rank`,
                  `t5`.`_annual`,
                  `t5`.`_members_rank`,
                  MIN(`t5`.`_members_rank`) OVER (
                    PARTITION BY `t5`.`part`, `t5`.`source`, `t5`.`side`, `t5`.`flow`, `t5`.`year`
                    ORDER BY `t5`.`reporter` ASC, `t5`.`partner` ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS `_fewest`
                FROM (
                  SELECT
                    CASE
                      WHEN `t4`.`reporter` IN ('bilateral_stand_in_0000')
                      AND `t4`.`partner` IN ('bilateral_stand_in_0001')
                      THEN 'first'
                      WHEN `t4`.`reporter` IN ('bilateral_stand_in_0001')
                      AND `t4`.`partner` IN ('bilateral_stand_in_0000')
                      THEN 'second'
                      ELSE NULL
                    END AS `side`,
                    `t4`.`source`,
                    `t4`.`reporter`,
                    `t4`.`partner`,
                    `t4`.`flow`,
                    `t4`.`year`,
                    `t4`.`value`,
                    `t4`.`confidential_value`,
                    `t4`.`currency`,
                    `t4`.`flags`,
                    `t4`.`vintage`,
                    IF(`t4`.`classification` <> 'CPA2', CAST(NULL AS TINYINT), `t4`.`month`) AS `month`,
                    IF(`t4`.`classification` <> 'CPA2', 'TOTAL', `t4`.`product_level`) AS `product_level`,
                    IF(`t4`.`classification` <> 'CPA2', CAST(NULL AS STRING), `t4`.`code`) AS `code`,
                    IF(`t4`.`classification` <> 'CPA2', 'detail_views', 'sectors') AS `part`,
                    CASE IF(`t4`.`classification` <> 'CPA2', 'TOTAL', `t4`.`product_level`)
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
                    IF(`t4`.`classification` <> 'CPA2', CAST(NULL AS TINYINT), `t4`.`month`) IS NULL AS `_annual`,
                    0 AS `_members_rank`
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
                            (
                              (
                                `t0`.`classification` = 'CPA2'
                              )
                              OR (
                                (
                                  `t0`.`classification` = 'HS2'
                                ) AND `t0`.`product_level` IN ('CN8', 'HS6')
                              )
                            )
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
                `t6`.`_members_rank` = `t6`.`_fewest`
            ) AS `t7`
          ) AS `t8`
        ) AS `t9`
        WHERE
          `t9`.`level_rank` = `t9`.`_first_level` AND `t9`.`_annual` = `t9`.`_any_annual`
      ) AS `t10`
    ) AS `t11`
  ) AS `t12`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6,
    7
) AS `t13`
