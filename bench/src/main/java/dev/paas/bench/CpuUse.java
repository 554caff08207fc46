package dev.paas.bench;

/** CPU time the API and the bench database's Postgres backends spent during one measurement, in microseconds. */
record CpuUse(long apiMicros, long postgresMicros) {

    /** Microseconds of API CPU per successful request; for a PATCH row, per release. */
    double apiPer(long ok) {
        return ok == 0 ? 0 : (double) apiMicros / ok;
    }

    double postgresPer(long ok) {
        return ok == 0 ? 0 : (double) postgresMicros / ok;
    }
}
