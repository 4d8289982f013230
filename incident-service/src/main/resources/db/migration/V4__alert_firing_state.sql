-- Whether each alert (source + dedup key) is still firing, so an incident can be closed when all its alerts have
-- resolved (only if hindsight.alerts.resolve-closes-incident=true; by default a resolved alert is only recorded).
alter table alert_dedup add column firing boolean not null default true;
