/** A complete 2027 放假安排 (the seven statutory holidays and a make-up day), as a zone would enter it. */
export const ARRANGEMENT_2027 = {
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-04' },
    { name: '春节', from: '2027-02-05', to: '2027-02-11' },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: ['2027-02-20'],
}
