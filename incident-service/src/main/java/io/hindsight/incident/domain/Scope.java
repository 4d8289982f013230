package io.hindsight.incident.domain;

/** SEVER Scope: how many users are affected. */
public enum Scope {
    ALL_USERS, OVER_10_PERCENT, UNDER_10_PERCENT, SINGLE_CUSTOMER, INTERNAL_ONLY
}
