package dev.lockstep.state.backend;

/**
 * The stored serial is the largest there is ({@link Long#MAX_VALUE}), so no newer version can be
 * stored. Raised before anything is changed (see {@link dev.lockstep.state.State#canAdvance}).
 */
public final class SerialExhaustedException extends StateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param serial the serial that cannot grow
     * @param where the state's location, for the message
     */
    public SerialExhaustedException(long serial, String where) {
        super("the state in " + where + " has serial " + serial + ", the largest there is, so no newer version can "
                + "be stored; nothing was changed. Serials only get this large when the state is edited by hand. "
                + "Start a new state: move " + where + " aside and import the objects with `lockstep import`");
    }
}
