-- CreateTable
CREATE TABLE "ComplianceSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "total" INTEGER NOT NULL,
    "withinPolicy" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,
    "dueSoon" INTEGER NOT NULL,
    "neverUsed" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "KeyUsageSample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "accessKeyId" TEXT NOT NULL,
    "observedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedDate" DATETIME
);

-- CreateIndex
CREATE INDEX "ComplianceSnapshot_accountId_takenAt_idx" ON "ComplianceSnapshot"("accountId", "takenAt");

-- CreateIndex
CREATE INDEX "ComplianceSnapshot_takenAt_idx" ON "ComplianceSnapshot"("takenAt");

-- CreateIndex
CREATE INDEX "KeyUsageSample_accessKeyId_observedAt_idx" ON "KeyUsageSample"("accessKeyId", "observedAt");

