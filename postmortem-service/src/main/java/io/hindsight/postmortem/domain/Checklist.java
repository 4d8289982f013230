package io.hindsight.postmortem.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's success indicators: every one must be ticked before a post-mortem is published. */
@RegisterForReflection
public record Checklist(boolean rootCauseExplained, boolean fixAddressesCause, boolean metricsConfirmResolution,
                        boolean fixDocumented, boolean preventionIdentified) {

    public static final Checklist EMPTY = new Checklist(false, false, false, false, false);
}
