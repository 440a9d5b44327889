-- CreateTable
CREATE TABLE "ComplianceSnapshot" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "total" INTEGER NOT NULL,
    "withinPolicy" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,
    "dueSoon" INTEGER NOT NULL,
    "neverUsed" INTEGER NOT NULL,

    CONSTRAINT "ComplianceSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyUsageSample" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "accessKeyId" TEXT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedDate" TIMESTAMP(3),

    CONSTRAINT "KeyUsageSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ComplianceSnapshot_accountId_takenAt_idx" ON "ComplianceSnapshot"("accountId", "takenAt");

-- CreateIndex
CREATE INDEX "ComplianceSnapshot_takenAt_idx" ON "ComplianceSnapshot"("takenAt");

-- CreateIndex
CREATE INDEX "KeyUsageSample_accessKeyId_observedAt_idx" ON "KeyUsageSample"("accessKeyId", "observedAt");
