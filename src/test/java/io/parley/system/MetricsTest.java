package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.parley.support.AdminHttp;
import io.parley.support.ChatClient;
import io.parley.support.LineServer;
import io.parley.support.ParleyTest;

/** The meters an operator scrapes move with real traffic. */
@ParleyTest
class MetricsTest {

	@Autowired
	AdminHttp http;

	@Autowired
	LineServer server;

	@Test
	void prometheusFiguresMoveWithTraffic() throws Exception {
		String before = scrape();
		try (ChatClient a = this.server.register("meter"); ChatClient b = this.server.register("meter")) {
			try (ChatClient failing = this.server.connect()) {
				failing.send("/login " + a.name() + " wrong-password").expectPrefix("ERR bad-credentials ");
			}
			LineServer.joinAll("metrics", a, b);
			a.send("in the room");
			b.expect("ROOM metrics " + a.name() + " in the room");
			a.send("/msg " + b.name() + " psst");
			b.expect("MSG " + a.name() + " psst");
			a.send("/all hello everyone");
			b.expect("ALL " + a.name() + " hello everyone");

			// each scrape is an admin login of its own: the one below counts one, these two more
			this.http.admin().get("/api/admin/rooms");
			this.http.admin().get("/api/admin/rooms");
			assertThat(this.http.as("admin", "not-the-password").get("/api/admin/rooms").status()).isEqualTo(401);
			String during = scrape();
			assertThat(value(during, "parley_sessions_live{protocol=\"line\"}"))
				.isGreaterThanOrEqualTo(value(before, "parley_sessions_live{protocol=\"line\"}") + 2);
			assertIncreasedBy(before, during, "parley_connections_opened_total{protocol=\"line\"}", 3);
			assertIncreasedBy(before, during, "parley_logins_total{outcome=\"success\",protocol=\"line\"}", 2);
			assertIncreasedBy(before, during, "parley_logins_total{outcome=\"bad-credentials\",protocol=\"line\"}", 1);
			assertIncreasedBy(before, during, "parley_messages_received_total{kind=\"room\"}", 1);
			assertIncreasedBy(before, during, "parley_messages_received_total{kind=\"private\"}", 1);
			assertIncreasedBy(before, during, "parley_messages_received_total{kind=\"broadcast\"}", 1);
			assertIncreasedBy(before, during, "parley_deliveries_total", 3);
			assertIncreasedBy(before, during, "parley_delivery_latency_seconds_count", 3);
			assertThat(during).contains("parley_delivery_latency_seconds_bucket{le=");
			// Spring Integration's timer of every channel hop of every line is off (application.yml says why)
			assertThat(during).contains("parley_deliveries_total").doesNotContain("spring_integration_");
			assertIncreasedBy(before, during, "parley_logins_total{outcome=\"success\",protocol=\"http\"}", 3);
			assertIncreasedBy(before, during, "parley_logins_total{outcome=\"bad-credentials\",protocol=\"http\"}", 1);
		}
		// closes are counted when the server sees them
		await().atMost(Duration.ofSeconds(5))
			.until(() -> value(scrape(), "parley_connections_closed_total{protocol=\"line\"}")
					- value(before, "parley_connections_closed_total{protocol=\"line\"}") >= 3);
	}

	@Test
	void percentilesAreServedByTheMetricsEndpoint() throws Exception {
		try (ChatClient a = this.server.register("pct"); ChatClient b = this.server.register("pct")) {
			a.send("/msg " + b.name() + " timed");
			b.expect("MSG " + a.name() + " timed");
		}
		var latency = this.http.admin().get("/actuator/metrics/parley.delivery.latency").json();
		assertThat(latency.at("/measurements/0/statistic").asString()).isEqualTo("COUNT");
		assertThat(latency.at("/measurements/0/value").asDouble()).isPositive();
		// the histogram a Prometheus histogram_quantile() reads the percentiles from: cumulative buckets whose
		// last, +Inf, holds every delivery
		String scrape = scrape();
		double all = value(scrape, "parley_delivery_latency_seconds_count");
		assertThat(value(scrape, "parley_delivery_latency_seconds_bucket{le=\"+Inf\"}")).isEqualTo(all).isPositive();
		Matcher buckets = Pattern.compile("(?m)^parley_delivery_latency_seconds_bucket\\{le=\"([0-9.]+)\"\\} (\\S+)$")
			.matcher(scrape);
		double previous = 0;
		int count = 0;
		while (buckets.find()) {
			double cumulative = Double.parseDouble(buckets.group(2));
			assertThat(cumulative).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(all);
			previous = cumulative;
			count++;
		}
		assertThat(count).as("finite buckets").isGreaterThan(5);
	}

	private String scrape() {
		AdminHttp.Response response = this.http.admin().get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	private static void assertIncreasedBy(String before, String after, String series, double atLeast) {
		assertThat(value(after, series) - value(before, series)).as(series).isGreaterThanOrEqualTo(atLeast);
	}

	/** A series' value in a Prometheus scrape; 0 when it is not there yet (a counter not yet incremented). */
	private static double value(String scrape, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

}
