package io.parley.limits;

import org.springframework.stereotype.Component;

/** Hands each new session its {@link LineBudget}, sized by {@code parley.limits.messages.*}. */
@Component
public class FloodLimit {

	private final LimitProperties.Messages limits;

	public FloodLimit(LimitProperties properties) {
		this.limits = properties.messages();
	}

	public LineBudget newBudget() {
		return new LineBudget(this.limits, System::nanoTime);
	}

}
