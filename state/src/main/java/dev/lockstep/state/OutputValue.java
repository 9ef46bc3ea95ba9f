package dev.lockstep.state;

import dev.lockstep.api.value.Value;

/**
 * A root output as recorded in state. A sensitive output's value is never recorded: {@code value}
 * is then a null of its type and {@code secretHash} its keyed hash; {@code lockstep output --raw}
 * evaluates it afresh.
 */
public record OutputValue(Value value, boolean sensitive, String secretHash) {
}
