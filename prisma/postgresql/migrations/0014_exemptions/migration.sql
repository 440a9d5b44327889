-- CreateTable
CREATE TABLE "Exemption" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "accessKeyId" TEXT,
    "flag" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endedBy" TEXT,

    CONSTRAINT "Exemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Exemption_accountId_userName_idx" ON "Exemption"("accountId", "userName");

-- CreateIndex
CREATE INDEX "Exemption_expiresAt_idx" ON "Exemption"("expiresAt");

