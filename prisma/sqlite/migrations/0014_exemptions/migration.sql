-- CreateTable
CREATE TABLE "Exemption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "accessKeyId" TEXT,
    "flag" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "endedBy" TEXT
);

-- CreateIndex
CREATE INDEX "Exemption_accountId_userName_idx" ON "Exemption"("accountId", "userName");

-- CreateIndex
CREATE INDEX "Exemption_expiresAt_idx" ON "Exemption"("expiresAt");
