-- AlterTable
ALTER TABLE "AccessKey" ADD COLUMN "inactiveSince" DATETIME;

