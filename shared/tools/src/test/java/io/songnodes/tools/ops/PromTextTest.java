package io.songnodes.tools.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromTextTest {
    static final String FLINK = """
            # HELP flink_taskmanager_job_task_operator_provider_api_gateway_circuit_breaker_state api_gateway_circuit_breaker_state (scope: taskmanager_job_task_operator_provider)
            # TYPE flink_taskmanager_job_task_operator_provider_api_gateway_circuit_breaker_state gauge
            flink_taskmanager_job_task_operator_provider_api_gateway_circuit_breaker_state{job_name="bronze-to-silver streaming",provider="beatport",subtask_index="0",operator_name="enrich \\"async\\", waterfall",} 0.0
            flink_taskmanager_job_task_operator_provider_api_gateway_circuit_breaker_state{job_name="bronze-to-silver streaming",provider="beatport",subtask_index="1",} 2.0
            flink_taskmanager_job_task_operator_provider_status_enrichment_api_calls{provider="beatport",status="success",subtask_index="0",} 30.0
            flink_taskmanager_job_task_operator_provider_status_enrichment_api_calls{provider="beatport",status="error",subtask_index="1",} 10.0
            flink_jobmanager_numRunningJobs 1.0
            flink_taskmanager_job_task_operator_medallion_bronze_to_silver_lag_ms{quantile="0.95",} NaN
            """;

    @Test
    void readsFlinkReporterOutputWithQuotedCommasAndEscapes() {
        PromText t = PromText.parse(FLINK);
        assertThat(t.max("api_gateway_circuit_breaker_state", l -> "beatport".equals(l.get("provider")))).isEqualTo(2.0);
        assertThat(t.sum("enrichment_api_calls", l -> "beatport".equals(l.get("provider")))).isEqualTo(40.0);
        assertThat(t.sum("enrichment_api_calls", l -> "error".equals(l.get("status")))).isEqualTo(10.0);
        assertThat(t.select("api_gateway_circuit_breaker_state", l -> true).get(0).labels().get("operator_name")).isEqualTo("enrich \"async\", waterfall");
        assertThat(t.max("numRunningJobs", l -> true)).isEqualTo(1.0);
        assertThat(t.max("medallion_bronze_to_silver_lag_ms", l -> true)).as("NaN is no value").isNull();
        assertThat(t.max("missing", l -> true)).isNull();
    }
}
