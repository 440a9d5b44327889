-- CreateTable
CREATE TABLE "DiscoveryRun" (
    "id" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DiscoveryRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscoveryOccurrence" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "accountId" TEXT,
    "accessKeyId" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "line" INTEGER NOT NULL,

    CONSTRAINT "DiscoveryOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DiscoveryRun_system_environment_at_idx" ON "DiscoveryRun"("system", "environment", "at");

-- CreateIndex
CREATE INDEX "DiscoveryOccurrence_runId_idx" ON "DiscoveryOccurrence"("runId");

-- CreateIndex
CREATE INDEX "DiscoveryOccurrence_accessKeyId_idx" ON "DiscoveryOccurrence"("accessKeyId");

-- AddForeignKey
ALTER TABLE "DiscoveryOccurrence" ADD CONSTRAINT "DiscoveryOccurrence_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DiscoveryRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

