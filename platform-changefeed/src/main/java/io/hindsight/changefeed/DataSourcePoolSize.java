package io.hindsight.changefeed;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The pool's size limit in {@code /q/metrics} ({@code hindsight_db_pool_max}), beside Agroal's own metrics
 * ({@code quarkus.datasource.metrics.enabled}: {@code agroal_active_count} in use, {@code agroal_awaiting_count}
 * waiting, {@code agroal_max_used_count} the high-water mark), which do not include it. In every service with a change
 * feed, i.e. every service with a database.
 */
@ApplicationScoped
public class DataSourcePoolSize {

    void register(@Observes StartupEvent event, AgroalDataSource dataSource, MeterRegistry registry) {
        Gauge.builder("hindsight.db.pool.max", dataSource, ds -> ds.getConfiguration().connectionPoolConfiguration().maxSize())
                .description("Connections the database pool may open at most")
                .tag("datasource", "default")
                .register(registry);
    }
}
