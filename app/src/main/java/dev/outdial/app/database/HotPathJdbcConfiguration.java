package dev.outdial.app.database;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class HotPathJdbcConfiguration {

  /** On the app's one pool and in its transactions, as the plain {@link JdbcClient}. */
  @Bean
  HotPathJdbc hotPathJdbc(DataSource dataSource) {
    return new HotPathJdbc(JdbcClient.create(new ReusedPlansJdbcTemplate(dataSource)));
  }
}
