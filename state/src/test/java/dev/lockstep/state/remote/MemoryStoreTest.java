package dev.lockstep.state.remote;

/** The reference store meets the contract every store must meet. */
class MemoryStoreTest extends RemoteStoreContract {

    @Override
    protected RemoteStore store() {
        return new MemoryStore(1 << 20);
    }
}
